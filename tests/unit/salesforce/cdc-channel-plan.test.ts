import { changeEventOf, memberName, planChannel } from '../../../connectors/salesforce/cdc-channel';

describe("leadpact's Change Data Capture channel, planned", () => {
  it('names change events and members as the platform does', () => {
    expect(changeEventOf('Lead')).toBe('LeadChangeEvent');
    expect(changeEventOf('Invoice__c')).toBe('Invoice__ChangeEvent');
    expect(memberName('Leadpact__chn', 'LeadChangeEvent')).toBe('Leadpact_chn_LeadChangeEvent');
    expect(memberName('Leadpact__chn', 'Invoice__ChangeEvent')).toBe('Leadpact_chn_Invoice_ChangeEvent');
  });

  it('creates the channel and every member on a fresh org, only the missing members after', () => {
    expect(planChannel(null, ['Lead', 'Task'])).toEqual({
      createChannel: true,
      add: ['LeadChangeEvent', 'TaskChangeEvent'],
      unchanged: [],
    });
    expect(
      planChannel({ id: '0YL000000000001', channelType: 'data', events: ['leadchangeevent', 'AccountChangeEvent'] }, [
        'Lead',
        'Task',
      ]),
    ).toEqual({ createChannel: false, add: ['TaskChangeEvent'], unchanged: ['LeadChangeEvent'] });
  });
});
