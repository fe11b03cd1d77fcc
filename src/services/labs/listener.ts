import { ackTargetFromRaw, buildAck, MllpServer, type MllpServerEvent } from '../../interop/hl7v2/index.js';
import type { Repository } from '../../store/repository.js';
import { listTenants } from '../../store/users.js';
import { LAB_SENDER, receiveLabMessage, type InboundOutcome } from './results-in.js';

/**
 * The MLLP listener for reference-lab results (default port 2575). Which organisation a message
 * belongs to: the configured tenant, else the only one, else the one named in MSH-6.
 */
export async function startLabListener(repo: Repository, opts: { port: number; host?: string; tenant?: string; onOutcome?: (o: InboundOutcome) => void; onEvent?: (e: MllpServerEvent) => void }): Promise<{ port: number; close(): Promise<void> }> {
  const server = new MllpServer({
    port: opts.port,
    host: opts.host,
    onEvent: opts.onEvent,
    handler: async (parsed, raw, meta) => {
      const text = raw.toString('utf8');
      let tenant = opts.tenant;
      if (!tenant) {
        const tenants = await listTenants(repo.db);
        const facility = parsed.ok ? parsed.message.get('MSH-6.1') : '';
        tenant = tenants.length === 1 ? tenants[0].id : tenants.find((t) => t.id.toLowerCase() === facility.toLowerCase())?.id;
        if (!tenant) {
          const controlId = parsed.ok ? parsed.message.get('MSH-10') : parsed.controlId;
          return buildAck(ackTargetFromRaw(text, controlId), { code: 'AR', text: `Unknown receiving facility "${facility}" (MSH-6): no organisation here by that id` });
        }
      }
      const ctx = { tenant, user: { id: 'lab-interface', username: LAB_SENDER.identifier.value, role: 'lab' }, source: `${meta.remoteAddress}:${meta.remotePort}` };
      const outcome = await receiveLabMessage(ctx, repo, text, ctx.source);
      opts.onOutcome?.(outcome);
      return outcome.ack;
    },
  });
  const port = await server.listen();
  return { port, close: () => server.close() };
}
