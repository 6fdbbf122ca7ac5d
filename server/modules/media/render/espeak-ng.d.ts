// Types for the parts of @echogarden/espeak-ng-emscripten used here (the package ships none).
declare module '@echogarden/espeak-ng-emscripten' {
  export type ESpeakEvent = {
    type:
      'list_terminated' | 'word' | 'sentence' | 'mark' | 'play' | 'end' | 'msg_terminated' | 'phoneme' | 'samplerate';
    /** 1-based code point index into the synthesized text. */
    text_position: number;
    word_length: number;
    /** Milliseconds from the start of this synthesize() call. */
    audio_position: number;
    id?: number | string;
  };
  export interface ESpeakVoiceInfo {
    name: string;
    identifier: string;
    languages: { priority: number; name: string }[];
  }
  export class eSpeakNGWorker {
    constructor();
    set_voice(name: string): number;
    list_voices(): ESpeakVoiceInfo[];
    get_samplerate(): number;
    get_rate(): number;
    set_rate(rate: number): number;
    get_pitch(): number;
    set_pitch(pitch: number): number;
    /** The callback gets each chunk of 16-bit mono samples with its events; return true to abort. */
    synthesize(text: string, callback: (audio: Int16Array, events: ESpeakEvent[]) => boolean | number | void): void;
  }
  export interface ESpeakModule {
    eSpeakNGWorker: typeof eSpeakNGWorker;
  }
  const init: (options?: Record<string, unknown>) => Promise<ESpeakModule>;
  export default init;
}
