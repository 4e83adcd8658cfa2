import * as migration_20261129_093150_initial from './20261129_093150_initial';

export const migrations = [
  {
    up: migration_20261129_093150_initial.up,
    down: migration_20261129_093150_initial.down,
    name: '20261129_093150_initial'
  },
];
