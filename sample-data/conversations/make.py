"""Turns a conversation written as `*.src.txt` into whisper text (times
from the words spoken, 2.6 words a second and a pause at each turn) and
its reading for hark's tests: `NAME.chapters.txt` and `NAME.themes.txt`, in
the format of `sample-data/annotations/`. Run: python3 make.py bakery cycling archive clinic"""
import re
import sys


def stamp(seconds):
    ms = round(seconds * 1000)
    return '%02d:%02d:%02d.%03d' % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)


def make(name):
    lines = open(name + '.src.txt', encoding='utf-8').read().splitlines()
    segments, chapters, marks, names = [], [], {}, []
    theme, speaker, now = '-', None, 0.0
    for line in lines:
        if not line.strip() or line.startswith('# '):
            continue
        if ' ~ ' in line:
            names.append(line)
        elif line.startswith('## '):
            chapters.append((len(segments), line[3:]))
        elif re.fullmatch(r'\[.*\]', line):
            theme = line[1:-1]
        else:
            who, text = line.split(': ', 1)
            if who != speaker and speaker is not None:
                text = '>> ' + text
                now += 0.6
            speaker = who
            length = len(text.split()) / 2.6
            segments.append('[%s --> %s]  %s' % (stamp(now), stamp(now + length), text))
            if theme != '-':
                marks.setdefault(theme, []).append(len(segments) - 1)
            now += length
    open(name + '.whisper.txt', 'w', encoding='utf-8').write('\n'.join(segments) + '\n')
    header = '# Made by make.py from %s.src.txt: segment numbers are the `index` of `hark export --to json`.\n' % name
    open(name + '.chapters.txt', 'w').write(header + ''.join('%d %s\n' % c for c in chapters))
    with open(name + '.themes.txt', 'w') as out:
        out.write(header)
        for theme, segs in marks.items():
            ranges, start = [], segs[0]
            for a, b in zip(segs, segs[1:] + [None]):
                if b != a + 1:
                    ranges.append('%d-%d' % (start, a))
                    start = b
            out.write('%s: %s\n' % (theme, ', '.join(ranges)))
        out.write(''.join(n + '\n' for n in names))


for name in sys.argv[1:]:
    make(name)
