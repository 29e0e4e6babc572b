import { runDoctor, type DoctorReport, type Finding } from '../app/doctor/doctor';
import { connectorsFromEnv, webhookTargetFromEnv } from '../service/connectors';
import { readProtocolFile } from '../service/protocol-source';
import { stderrLogger, usageError } from './cli-support';
import type { Command, CommandContext } from './command';

export const doctorCommand: Command = {
  name: 'doctor',
  summary:
    'Check the live CRMs against the protocol and the configuration before any lead moves: the users and queue the routing names, the fields and properties leadpact reads and writes and the access to them, webhook subscriptions, API allocation. Prints each problem with its fix; exit 1 when any would stop leads from moving.',
  synopsis: '',
  options: {},
  needs: { crm: true },
  run: runDoctorCommand,
};

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
      ...(webhooks === undefined ? {} : { webhooks }),
      onCheck: (name) => {
        if (progress.isTTY === true) progress.write(`\r\x1b[2Kchecking ${name}…`);
      },
    });
    if (progress.isTTY === true) progress.write('\r\x1b[2K');
    context.out.write(renderDoctorReport(report, context.env.protocolFile, columnsOf(context.out)));
    return report.errors > 0 ? 1 : 0;
  } finally {
    await connectors.close();
  }
}

function columnsOf(stream: NodeJS.WritableStream): number {
  const columns = (stream as NodeJS.WriteStream).columns;
  return typeof columns === 'number' && columns >= 40 ? Math.min(columns, 120) : 100;
}

/** Words to lines of at most `width` characters, each after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.trim().split(/\s+/)) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

const MARK: Readonly<Record<Finding['severity'], string>> = { error: '✗', warning: '!', ok: '✓' };

export function renderDoctorReport(report: DoctorReport, protocolFile: string, width = 100): string {
  const out = [`leadpact doctor: the live CRMs against ${protocolFile}`, ''];
  for (const crm of ['Salesforce', 'HubSpot'] as const) {
    out.push(crm);
    for (const finding of report.findings.filter((f) => f.crm === crm)) {
      out.push(wrap(`  ${MARK[finding.severity]} ${finding.message}`, width, '    '));
      if (finding.fix !== undefined) out.push(wrap(`    Fix: ${finding.fix}`, width, '    '));
    }
    out.push('');
  }
  const problems = `${report.errors} ${report.errors === 1 ? 'problem' : 'problems'}`;
  const warnings = `${report.warnings} ${report.warnings === 1 ? 'warning' : 'warnings'}`;
  out.push(
    report.errors > 0
      ? wrap(
          `${problems} would stop leads from moving, ${warnings}. Fix the problems marked ✗, then run \`leadpact doctor\` again.`,
          width,
          '',
        )
      : wrap(
          `No problem would stop leads from moving${report.warnings > 0 ? `; ${warnings} to look at` : ''}.`,
          width,
          '',
        ),
  );
  return `${out.join('\n')}\n`;
}
