/**
 * Stands in for `@smithy/core/event-streams` in the bundles (issue 9 §3: about 15 KB of every bundle). The SDK
 * needs it only to (de)serialize an event-stream operation (S3 SelectObjectContent, …); none of the operations
 * our adapters call has one, so reaching it is a bundling bug and says so instead of misbehaving.
 */
const unbundled = (): never => {
  throw new Error(
    'Event streams are not bundled (infra/constructs/no-event-streams.ts): this SDK operation needs them',
  );
};

/** S3's client builds its marshaller at construction: it fails only when an event stream is (de)serialized. */
export const eventStreamSerdeProvider = () => ({ serialize: unbundled, deserialize: unbundled });

/** As in `@smithy/core/event-streams`: the client config gets the marshaller of its provider. */
export const resolveEventStreamSerdeConfig = <T extends { eventStreamSerdeProvider: (input: T) => unknown }>(
  input: T,
) => Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });

export class EventStreamSerde {
  constructor() {
    unbundled();
  }
}
