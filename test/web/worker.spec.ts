import * as assert from './assert';
import { cancelMidFolder, crashIsRestarted, sameAsInThread, typeWhileBusy } from '../integration/worker-checks';

suite('analysis worker (Web Worker)', () => {
  test('its results are the in-thread analysis\'s', () => sameAsInThread(assert));
  test('cancelling mid-folder stops it at once', () => cancelMidFolder(assert));
  test('typing while it is busy gets the article\'s result before the folder\'s', () => typeWhileBusy(assert));
  test('a crash is restarted with a message and no annotation is lost', () => crashIsRestarted(assert));
});
