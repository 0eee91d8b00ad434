import { describe, expect, it } from 'vitest';
import { parseStatement, splitStatements } from './sql';

describe('sql: the statements the database clients understand', () => {
  it('splits a script on semicolons outside quotes', () => {
    expect(splitStatements("CREATE DATABASE test; INSERT INTO test.messages VALUES ('a;b');;")).toEqual([
      'CREATE DATABASE test',
      "INSERT INTO test.messages VALUES ('a;b')",
    ]);
  });

  it('parses INSERT with several rows, a column list, numbers, NULL and doubled quotes', () => {
    expect(parseStatement("INSERT INTO t VALUES ('A')")).toEqual({ type: 'insert', table: 't', rows: [['A']] });
    expect(parseStatement("insert into t (a, b) values ('it''s', 2), (NULL, -1.5)")).toEqual({
      type: 'insert',
      table: 't',
      rows: [["it's", '2'], ['NULL', '-1.5']],
    });
  });

  it('parses CREATE TABLE column names, skipping their types', () => {
    expect(parseStatement('CREATE TABLE IF NOT EXISTS test.messages (message VARCHAR(250), id INT NOT NULL)')).toEqual({
      type: 'create-table',
      table: 'test.messages',
      columns: ['message', 'id'],
      ifNotExists: true,
    });
    expect(parseStatement('CREATE DATABASE test')).toEqual({ type: 'create-database', name: 'test', ifNotExists: false });
  });

  it('parses SELECT * FROM and reports anything else as a syntax error near the offending text', () => {
    expect(parseStatement('SELECT * FROM t')).toEqual({ type: 'select', table: 't' });
    expect(parseStatement('SELECT name FROM t')).toEqual({ type: 'syntax-error', near: 'name FROM t', text: 'name' });
    expect(parseStatement("INSERT INTO t VALUES ('A') garbage")).toEqual({ type: 'syntax-error', near: 'garbage', text: 'garbage' });
    expect(parseStatement("INSERT INTO t VALUES ('A")).toMatchObject({ type: 'syntax-error' });
  });
});
