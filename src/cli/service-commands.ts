import { startService } from '../service/service';
import type { Command, CommandContext } from './command';
import { serveSpec, startSpec, workSpec, type ServiceSpec } from './command-specs';

const SHUTDOWN_TIMEOUT_MS = 10_000;

function serviceCommand(spec: ServiceSpec): Command {
  return {
    ...spec,
    async run(context: CommandContext) {
      const service = await startService(context.env, context.logger, spec.roles);
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

export const startCommand = serviceCommand(startSpec);
export const serveCommand = serviceCommand(serveSpec);
export const workCommand = serviceCommand(workSpec);
