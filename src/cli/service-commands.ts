import { startService, type ServiceRoles } from '../service/service';
import type { Command, CommandContext } from './command';

const SHUTDOWN_TIMEOUT_MS = 10_000;

function serviceCommand(name: string, summary: string, roles: ServiceRoles): Command {
  return {
    name,
    summary,
    synopsis: '',
    options: {},
    needs: { crm: roles.workers, webhooks: roles.http },
    async run(context: CommandContext) {
      const service = await startService(context.env, context.logger, roles);
      const signal = await context.stopRequested;
      context.logger.info({ signal }, 'shutting down');
      const outcome = await service.lifecycle.shutdown(SHUTDOWN_TIMEOUT_MS);
      if (outcome === 'timeout') {
        context.logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish in time; exiting anyway');
        return 1;
      }
      context.logger.info('stopped cleanly');
      return 0;
    },
  };
}

export const startCommand = serviceCommand('start', 'Run the HTTP ingress and the workers in one process.', {
  http: true,
  workers: true,
});
export const serveCommand = serviceCommand(
  'serve',
  'Run the HTTP ingress only (webhooks, admin API, health); scale it on its own.',
  {
    http: true,
    workers: false,
  },
);
export const workCommand = serviceCommand('work', 'Run the queue workers only; run as many as the load needs.', {
  http: false,
  workers: true,
});
