import { Type, type Static } from 'typebox';

const File = Type.Object({ url: Type.String(), bytes: Type.Integer({ minimum: 0 }) });
const Media = Type.Object({
  url: Type.String({
    description: "The tutorial's MP4 address: the page's video plays it from the device when there is no connection",
  }),
  source: Type.String({
    description: 'What to fetch and store under `url`: the MP4 itself, or its sound alone (audio only)',
  }),
  bytes: Type.Integer({ minimum: 0 }),
});
export const OfflinePackage = Type.Object({
  moduleId: Type.String(),
  title: Type.String(),
  locale: Type.String(),
  quizId: Type.Union([Type.String(), Type.Null()], {
    description: 'Open an attempt before storing the quiz page: its questions are drawn online',
  }),
  pages: Type.Array(File, { description: 'Pages to store; bytes are estimates (the page is made on request)' }),
  assets: Type.Array(File, { description: 'Captions, transcript and poster of the tutorial' }),
  video: Type.Union([Media, Type.Null()], {
    description: 'The smallest video (the 360p MP4); null while the tutorial is being prepared',
  }),
  audio: Type.Union([Media, Type.Null()], { description: 'The narration alone (AAC in MP4)' }),
});
export type OfflinePackageBody = Static<typeof OfflinePackage>;
