import { Type, type Static } from 'typebox';

const Base = {
  id: Type.String({ format: 'uuid', description: 'Made by the client; sending the same event again changes nothing' }),
  lessonId: Type.String({ minLength: 1, maxLength: 100 }),
  at: Type.String({ format: 'date-time' }),
};
const Seconds = Type.Number({ minimum: 0, maximum: 86_400 });
// A [from, to] pair. Not Type.Tuple: its `items: [...]` + `additionalItems` is JSON Schema that OpenAPI 3.0
// does not allow. Two items of the same schema validate the same way and keep the tuple type.
const SecondsPair = Type.Unsafe<[number, number]>(
  Type.Array(Seconds, { minItems: 2, maxItems: 2, description: '[from, to] in seconds' }),
);
export const ProgressEvent = Type.Union([
  Type.Object({ ...Base, type: Type.Literal('lesson.opened') }, { additionalProperties: false }),
  Type.Object({ ...Base, type: Type.Literal('lesson.completed') }, { additionalProperties: false }),
  Type.Object(
    { ...Base, type: Type.Literal('video.watched'), ranges: Type.Array(SecondsPair, { minItems: 1, maxItems: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object({ ...Base, type: Type.Literal('position'), seconds: Seconds }, { additionalProperties: false }),
]);
export type ProgressEventInput = Static<typeof ProgressEvent>;
export const MAX_BATCH = 500;
export const EventsBody = Type.Object(
  { events: Type.Array(ProgressEvent, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);
export const EventsResult = Type.Object({
  accepted: Type.Integer({ description: 'New events stored' }),
  duplicates: Type.Integer({ description: 'Events already stored before' }),
});
