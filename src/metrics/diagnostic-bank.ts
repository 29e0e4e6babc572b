/**
 * The default statements of the relationship diagnostic, written for leadpact (not any published
 * instrument's wording) from the themes of the lead-protocol literature: a shared lead definition,
 * agreed service levels, feedback acted on, joint planning, shared goals, no blame. Each is scored
 * 1 (strongly disagree) to 5 (strongly agree), so a higher score always means closer alignment.
 * RevOps may edit the bank; these apply while no edited bank is stored.
 */
export interface Statement {
  /** Stable slug: answers are keyed by it, so a reworded statement keeps its history. */
  readonly id: string;
  readonly theme: string;
  readonly text: string;
}

export const DEFAULT_STATEMENTS: readonly Statement[] = [
  {
    id: 'lead-definition',
    theme: 'Definitions',
    text: 'Marketing and Sales work from one written definition of a qualified lead.',
  },
  {
    id: 'ideal-customer',
    theme: 'Definitions',
    text: 'We agreed our ideal customer together, and we revisit it when the market moves.',
  },
  {
    id: 'common-language',
    theme: 'Definitions',
    text: 'Both teams use the same words for lead stages and outcomes, and mean the same by them.',
  },
  {
    id: 'handoff-timeline',
    theme: 'Service levels',
    text: 'There is an agreed time for Sales to accept or turn down a lead, and it is kept.',
  },
  {
    id: 'handoff-context',
    theme: 'Service levels',
    text: 'Leads arrive in Sales with the context needed: why they qualified, what they did, where they came from.',
  },
  {
    id: 'no-lead-left-behind',
    theme: 'Service levels',
    text: 'Accepted leads that go quiet are noticed and worked, recycled or closed; none are left to go stale.',
  },
  {
    id: 'rejection-reasons',
    theme: 'Feedback',
    text: 'When Sales turns a lead down, it gives one of the reasons both teams agreed.',
  },
  {
    id: 'feedback-acted-on',
    theme: 'Feedback',
    text: 'Marketing changes its targeting or content when Sales feedback shows a pattern.',
  },
  {
    id: 'field-intelligence',
    theme: 'Feedback',
    text: 'What Sales learns from customers reaches Marketing and gets an answer.',
  },
  { id: 'joint-planning', theme: 'Planning', text: 'Sales helps plan campaigns before they launch, not after.' },
  {
    id: 'offers-known',
    theme: 'Planning',
    text: 'Sales hears about marketing offers and campaigns before customers do.',
  },
  {
    id: 'shared-forecast',
    theme: 'Planning',
    text: 'Sales forecasts and marketing plans are built on the same assumptions.',
  },
  { id: 'shared-goals', theme: 'Goals', text: 'Both teams are measured on at least one shared revenue goal.' },
  {
    id: 'shared-numbers',
    theme: 'Goals',
    text: 'Both teams look at the same lead and pipeline numbers, from the same source.',
  },
  {
    id: 'credit-agreed',
    theme: 'Goals',
    text: 'How credit for a won deal is shared between the teams is agreed and seen as fair.',
  },
  {
    id: 'no-blame',
    theme: 'Culture',
    text: 'When results disappoint, the teams look for causes together instead of blaming each other.',
  },
  { id: 'mutual-respect', theme: 'Culture', text: "Each team respects the other's expertise and time." },
  {
    id: 'customer-conversations',
    theme: 'Culture',
    text: 'Marketing people take part in important customer conversations.',
  },
  {
    id: 'regular-meetings',
    theme: 'Communication',
    text: 'Marketing and Sales leaders meet at least monthly, with an agenda both find useful.',
  },
  {
    id: 'budget-openness',
    theme: 'Communication',
    text: 'How money is split between the two functions is open and understood.',
  },
];
