// The HLS ladder from per-rendition MP4s: each cut into HLS by stream copy, an audio-only rendition,
// and the master playlist; shared by rendered tutorials and uploaded videos.
import fs from 'node:fs';
import path from 'node:path';
import { AUDIO_ONLY_KBPS, type Rendition } from './encode.ts';
import { avcCodecString, masterPlaylist, segmentHls, type HlsPlaylist, type MasterEntry } from './hls.ts';

export type RenditionInfo = {
  name: string;
  kind: 'video' | 'audio';
  playlist: string;
  codecs: string;
  width?: number;
  height?: number;
  /** Peak and average bits per second over the segments, as in the master playlist. */
  bandwidth: number;
  averageBandwidth: number;
  /** Encoder settings. */
  videoMaxKbps?: number;
  audioKbps: number;
  segments: number;
  /** Bytes of the playlist and its segments. */
  bytes: number;
  bytesPerMinute: number;
};

const rel = (dir: string, f: string) => path.relative(dir, f).split(path.sep).join('/');
const fileBytes = (f: string) => fs.statSync(f).size;

/** Writes `<dir>/<rendition>/index.m3u8` + segments, `<dir>/audio/`, and `<dir>/master.m3u8` (360p first). */
export async function packageLadder(
  mp4s: Record<string, string>,
  ladder: Rendition[],
  dir: string,
  duration: number,
): Promise<RenditionInfo[]> {
  const minutes = duration / 60;
  const renditions: RenditionInfo[] = [];
  const info = (
    name: string,
    kind: 'video' | 'audio',
    hls: HlsPlaylist,
    codecs: string,
    extra: Partial<RenditionInfo>,
  ): RenditionInfo => {
    const bytes = hls.bytes + fileBytes(hls.playlist);
    return {
      name,
      kind,
      playlist: rel(dir, hls.playlist),
      codecs,
      bandwidth: hls.peakBps,
      averageBandwidth: hls.averageBps,
      audioKbps: 0,
      segments: hls.segments.length,
      bytes,
      bytesPerMinute: Math.round(bytes / minutes),
      ...extra,
    };
  };
  for (const r of ladder) {
    const hls = await segmentHls(mp4s[r.name], path.join(dir, r.name));
    const codecs = `${avcCodecString(mp4s[r.name])},mp4a.40.2`;
    renditions.push(
      info(r.name, 'video', hls, codecs, {
        width: r.width,
        height: r.height,
        videoMaxKbps: r.maxVideoKbps,
        audioKbps: r.audioKbps,
      }),
    );
  }
  // Audio-only rendition: the lowest rendition's mono AAC, copied.
  const low = ladder.find((r) => r.audioKbps === AUDIO_ONLY_KBPS) ?? ladder[0];
  const audioHls = await segmentHls(mp4s[low.name], path.join(dir, 'audio'), { audioOnly: true });
  renditions.push(info('audio', 'audio', audioHls, 'mp4a.40.2', { audioKbps: low.audioKbps }));
  // Master: 360p first (the start variant for most players), then the others, audio-only last.
  const order = ['360p', '240p', '720p', 'audio'];
  const entries: MasterEntry[] = [...renditions]
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
    .map((r) => ({
      uri: r.playlist,
      peakBps: r.bandwidth,
      averageBps: r.averageBandwidth,
      codecs: r.codecs,
      width: r.width,
      height: r.height,
    }));
  fs.writeFileSync(path.join(dir, 'master.m3u8'), masterPlaylist(entries));
  return renditions;
}
