/**
 * ServerFeatures.GetSupportedMethods: the client asks once per channel and, when Streams
 * BatchAppend is listed, routes every appendToStream through it instead of Append. Names are
 * lower-cased and features listed as the server lists them.
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Controls } from './controls';

const STREAMS = 'event_store.client.streams.streams';

export function featuresHandler(
  controls: Controls,
  serverVersion: string,
  batchAppend: boolean,
): handleUnaryCall<Empty, SupportedMethods> {
  const method = (service: string, name: string, features: string[] = []): SupportedMethod =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  const methods = [
    method(STREAMS, 'read', ['position', 'events']),
    method(STREAMS, 'append'),
    ...(batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
  ];
  return (_call, callback) => {
    if (!controls.admit('ServerFeatures.GetSupportedMethods', (error) => callback(error))) return;
    callback(
      null,
      new SupportedMethods().setEventStoreServerVersion(serverVersion).setMethodsList(methods),
    );
  };
}
