import { removeTempDirs } from './util';

// Jest ends its workers without running `exit` listeners: temporary folders go after each test file.
afterAll(removeTempDirs);
