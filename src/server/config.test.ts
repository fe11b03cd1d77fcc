import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';

test('configuration from the environment, with clear errors for values that cannot work', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.dbPoolSize, 10);
  assert.equal(loadConfig({ ALLIED_DB_POOL: '4' }).dbPoolSize, 4);
  assert.throws(() => loadConfig({ ALLIED_DB_POOL: 'lots' }), /ALLIED_DB_POOL "lots" is not a connection count/);
  assert.throws(() => loadConfig({ ALLIED_DB_POOL: '1' }), /2 to 200/);
  assert.throws(() => loadConfig({ PORT: '99999' }), /PORT "99999" is not a port number/);
  assert.equal(loadConfig({ ALLIED_MLLP_PORT: 'off' }).mllpPort, null);
});
