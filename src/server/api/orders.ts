import type { FastifyInstance } from 'fastify';
import type { Location } from '@medplum/fhirtypes';
import type { Repository } from '../../store/repository.js';
import { placeOrder } from '../../services/orders/place-order.js';
import { mayPlaceOrders } from '../../services/access/policies.js';
import { worklistItem } from '../../services/worklist/worklist.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

export function registerOrderRoutes(app: FastifyInstance, deps: { repo: Repository }): void {
  const { repo } = deps;

  // GET /api/catalogue (what may be ordered) is in catalogue.ts

  app.get('/api/locations', async (req) => {
    const r = await repo.search(contextOf(req), 'Location', new URLSearchParams({ _count: '500', _sort: 'name' }), { audit: false });
    return { locations: (r.resources as Location[]).map((l) => ({ id: l.id, name: l.name ?? l.id, type: l.type?.[0]?.coding?.[0]?.code ?? l.physicalType?.coding?.[0]?.code ?? null })) };
  });

  app.post('/api/orders', async (req, reply) => {
    const user = req.session!.user;
    if (!mayPlaceOrders(user.role)) throw new ApiError(403, 'forbidden', `The ${user.role} role may not place orders`);
    const { serviceRequest, tasks } = await placeOrder(contextOf(req), repo, (req.body ?? {}) as never, {
      requester: user.practitionerId ? `Practitioner/${user.practitionerId}` : undefined,
    });
    return reply.code(201).send({ serviceRequest, tasks: tasks.map((t) => worklistItem(t, null)) });
  });
}
