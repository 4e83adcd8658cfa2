import * as migration_20261129_092542_initial from './20261129_092542_initial';

export const migrations = [
  {
    up: migration_20261129_092542_initial.up,
    down: migration_20261129_092542_initial.down,
    name: '20261129_092542_initial'
  },
];
