import { runDoctor, type DoctorReport, type Finding } from '../app/doctor/doctor';
import { changeChecks } from '../service/change-source';
import { connectorsFromEnv, webhookTargetFromEnv } from '../service/connectors';
import { readProtocolFile } from '../service/protocol-source';
import { stderrLogger, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { doctorSpec } from './command-specs';
import { terminalWidth, wrapText } from '../shared/text-layout';

export const doctorCommand: Command = { ...doctorSpec, run: runDoctorCommand };

async function runDoctorCommand(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(doctorCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const { protocol } = await readProtocolFile(context.env.protocolFile);
  const connectors = await connectorsFromEnv(context.env, stderrLogger(context.env, 'doctor'));
  try {
    const webhooks = webhookTargetFromEnv(context.env);
    const progress = context.err as NodeJS.WriteStream;
    const report = await runDoctor({
      protocol,
      salesforce: connectors.salesforceInspection,
      hubspot: connectors.hubspotInspection,
      variable: context.env.variable,
      changes: changeChecks(context.env.salesforce.changes, connectors),
      ...(context.env.publicUrlSet ? { publicUrl: context.env.publicUrl } : {}),
      ...(webhooks === undefined ? {} : { webhooks }),
      onCheck: (name) => {
        if (progress.isTTY === true) progress.write(`\r\x1b[2Kchecking ${name}…`);
      },
    });
    if (progress.isTTY === true) progress.write('\r\x1b[2K');
    context.out.write(renderDoctorReport(report, context.env.protocolFile, Math.min(terminalWidth(context.out), 100)));
    return report.errors > 0 ? 1 : 0;
  } finally {
    await connectors.close();
  }
}

const MARK: Readonly<Record<Finding['severity'], string>> = { error: '✗', warning: '!', ok: '✓' };

export function renderDoctorReport(report: DoctorReport, protocolFile: string, width = 100): string {
  const out = [`leadpact doctor: the live CRMs against ${protocolFile}`, ''];
  for (const crm of ['Salesforce', 'HubSpot', 'Alerts'] as const) {
    const found = report.findings.filter((f) => f.crm === crm);
    if (found.length === 0) continue;
    out.push(crm);
    for (const finding of found) {
      out.push(wrapText(finding.message, width, `  ${MARK[finding.severity]} `, '    '));
      if (finding.fix !== undefined) out.push(wrapText(finding.fix, width, '    Fix: ', '    '));
    }
    out.push('');
  }
  const problems = `${report.errors} ${report.errors === 1 ? 'problem' : 'problems'}`;
  const warnings = `${report.warnings} ${report.warnings === 1 ? 'warning' : 'warnings'}`;
  out.push(
    report.errors > 0
      ? wrapText(
          `${problems} would stop leads from moving, ${warnings}. Fix the problems marked ✗, then run \`leadpact doctor\` again.`,
          width,
        )
      : wrapText(
          `No problem would stop leads from moving${report.warnings > 0 ? `; ${warnings} to look at` : ''}.`,
          width,
        ),
  );
  return `${out.join('\n')}\n`;
}
