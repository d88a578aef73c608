/**
 * Every other client-facing service the client's generated code knows (persistent
 * subscriptions, projections, users, operations, gossip, monitoring, and the Streams methods
 * the adapter never calls). They answer UNIMPLEMENTED, but are registered so that their calls
 * are counted and refused like any other: grpc-js answers unknown methods before any handler
 * could.
 */
import {
  type ServerErrorResponse,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedServiceImplementation,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { MonitoringService } from '@eventstore/db-client/generated/monitoring_grpc_pb';
import { OperationsService } from '@eventstore/db-client/generated/operations_grpc_pb';
import { PersistentSubscriptionsService } from '@eventstore/db-client/generated/persistent_grpc_pb';
import { ProjectionsService } from '@eventstore/db-client/generated/projections_grpc_pb';
import { UsersService } from '@eventstore/db-client/generated/users_grpc_pb';
import type { Controls } from './controls';
import { endWithStatus, statusError } from './streaming';

export const UNMODELLED_SERVICES: ServiceDefinition[] = [
  GossipService,
  MonitoringService,
  OperationsService,
  PersistentSubscriptionsService,
  ProjectionsService,
  UsersService,
];

/** Handlers for `methods` of `service` (all of them by default) that only count and refuse. */
export function unmodelled(
  service: ServiceDefinition,
  controls: Controls,
  methods: string[] = Object.keys(service),
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const key of methods) {
    const method = service[key]!;
    // '/event_store.client.streams.Streams/Delete' is counted as 'Streams.Delete'.
    const [, qualified, name] = method.path.split('/');
    const label = `${qualified!.split('.').pop()}.${name}`;
    const answer = (fail: (error: ServerErrorResponse) => void): void => {
      if (!controls.admit(label, fail)) return;
      fail(statusError(status.UNIMPLEMENTED, `${label} is not modelled by the test double`));
    };
    implementation[key] = method.responseStream
      ? (call: ServerWritableStream<unknown, unknown>) =>
          answer((error) => endWithStatus(call, error))
      : (_call: unknown, callback: sendUnaryData<unknown>) => answer(callback);
  }
  return implementation;
}
