// Caption files: .vtt and .srt parsed, checked cue by cue with the line of each problem, written as WebVTT.
import t from 'tap';
import {
  cuesToTranscript,
  cuesToVtt,
  detectFormat,
  parseCaptions,
} from '../../../server/modules/media/uploads/caption-files.ts';

const srt = `1
00:00:00,500 --> 00:00:02,000
Welcome to the <i>learning city</i>.

2
00:00:02,100 --> 00:00:03,900
<font color="red">Partners</font> share the work.
`;

t.test('an SRT file becomes WebVTT with the same cues', async (t) => {
  t.equal(detectFormat(srt, 'talk.srt'), 'srt');
  const { cues, problems } = parseCaptions(srt, { format: 'srt', duration: 4 });
  t.same(problems, []);
  t.same(
    cues.map((c) => [c.start, c.end]),
    [
      [0.5, 2],
      [2.1, 3.9],
    ],
  );
  const vtt = cuesToVtt(cues, 'en');
  t.match(vtt, /^WEBVTT\n/);
  t.match(vtt, '00:00:00.500 --> 00:00:02.000\nWelcome to the <i>learning city</i>.');
  t.notMatch(vtt, /font/, 'SubRip font tags dropped');
  t.same(parseCaptions(vtt, { format: 'vtt' }).cues.length, 2, 'what we write parses again');
  t.equal(cuesToTranscript(cues), 'Welcome to the learning city.\nPartners share the work.\n');
});

t.test('a WebVTT file with a header, notes, cue ids and short times is read', async (t) => {
  const vtt =
    'WEBVTT - talk\n\nNOTE made by hand\n\nintro\n00:01.000 --> 00:02.500 align:start\nHello\nagain\n\n00:00:03.000 --> 00:00:04.000\nBye\n';
  t.equal(detectFormat(vtt), 'vtt');
  const { cues, problems } = parseCaptions(vtt, { format: 'vtt', duration: 5 });
  t.same(problems, []);
  t.same(cues, [
    { start: 1, end: 2.5, text: 'Hello\nagain' },
    { start: 3, end: 4, text: 'Bye' },
  ]);
});

t.test('each broken cue is reported with its line', async (t) => {
  const bad = `1
00:00:02,000 --> 00:00:01,000
Ends before it starts.

2
00:00:0x,000 --> 00:00:03,000
Garbled timing.

3
00:00:05,000 --> 00:00:06,000
Fine.

4
00:00:01,000 --> 00:00:02,000
Out of order.

5
00:00:07,000 --> 00:01:00,000
Past the end.

6
00:00:08,000 --> 00:00:09,000

just text without timing
`;
  const { problems } = parseCaptions(bad, { format: 'srt', duration: 10 });
  t.same(
    problems.map((p) => p.line),
    [2, 6, 14, 18, 22, 24],
  );
  t.match(problems[0].problem, /ends before it starts/);
  t.match(problems[1].problem, /not in the form 00:00:01.000 --> 00:00:04.000/);
  t.match(problems[2].problem, /before the previous one/);
  t.match(problems[3].problem, /after the end of the video \(10.0 s\)/);
  t.match(problems[4].problem, /no text/);
  t.match(problems[5].problem, /expected a timing line/);
});

t.test('a VTT without its header, and a file without cues, are refused', async (t) => {
  t.same(parseCaptions('00:00:01.000 --> 00:00:02.000\nHi\n', { format: 'vtt' }).problems, [
    { line: 1, problem: 'a WebVTT file must start with "WEBVTT"' },
  ]);
  t.same(parseCaptions('\n\n', { format: 'srt' }).problems, [{ line: 1, problem: 'the file has no cues' }]);
});
