import { describe, expect, it } from 'vitest';
import { readClassroomMode, readEmbedEditing, withClassroomMode } from './classroomMode';

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

describe('readEmbedEditing', () => {
  it('lets an embed opt in to editing with edit=1', () => {
    expect(readEmbedEditing('?mode=embed&edit=1')).toBe(true);
    expect(readEmbedEditing('?edit=true&mode=embed')).toBe(true);
  });

  it('keeps an embed read-only by default and ignores edit= outside an embed', () => {
    expect(readEmbedEditing('?mode=embed')).toBe(false);
    expect(readEmbedEditing('?mode=embed&edit=0')).toBe(false);
    expect(readEmbedEditing('?mode=embed&edit=yes')).toBe(false);
    expect(readEmbedEditing('?mode=presenter&edit=1')).toBe(false);
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

  it('drops edit= when leaving an embed, since the playground always edits', () => {
    expect(withClassroomMode('http://127.0.0.1:4173/?mode=embed&edit=1&scenario=web', 'normal')).toBe('http://127.0.0.1:4173/?scenario=web');
  });
});
