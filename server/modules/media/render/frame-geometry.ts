// A tutorial frame's size and its progress track: shared by the frames (frames.ts) and the encoder (encode.ts), which
// does not need the rasteriser frames.ts loads.
export const WIDTH = 1280;
export const HEIGHT = 720;
/** The progress track at the bottom; encode.ts overlays the moving bar on it. */
export const PROGRESS = { y: 712, height: 8, track: '#E2DCCF', bar: '#E36414' };
