import { describe, expect, it } from 'vitest';
import { readClassroomMode, withClassroomMode } from './classroomMode';

describe('readClassroomMode', () => {
  it('reads presenter and embed from ?mode=', () => {
    expect(readClassroomMode('?mode=presenter')).toBe('presenter');
    expect(readClassroomMode('?scenario=web-local-path&mode=embed')).toBe('embed');
  });

  it('treats a missing or unknown mode as the normal playground', () => {
    expect(readClassroomMode('')).toBe('normal');
    expect(readClassroomMode('?mode=<script>')).toBe('normal');
    expect(readClassroomMode('?mode=PRESENTER')).toBe('normal');
  });
});

describe('withClassroomMode', () => {
  it('opens the same scenario and share link in normal mode', () => {
    expect(withClassroomMode('http://127.0.0.1:4173/?scenario=web-local-path&mode=embed#v1/abc', 'normal')).toBe(
      'http://127.0.0.1:4173/?scenario=web-local-path#v1/abc',
    );
  });

  it('sets the mode and keeps the other parameters', () => {
    expect(withClassroomMode('http://127.0.0.1:4173/?scenario=web', 'presenter')).toBe('http://127.0.0.1:4173/?scenario=web&mode=presenter');
    expect(withClassroomMode('http://127.0.0.1:4173/?mode=embed', 'presenter')).toBe('http://127.0.0.1:4173/?mode=presenter');
  });
});
