import { browser } from 'wxt/browser';
import { answerOffscreenClear } from '../../lib/background/offscreen';

// Chromium's offscreen document (reason CLIPBOARD): the background's hands on the clipboard.
answerOffscreenClear(browser.runtime, document);
