/**
 * The staff console's script, served at /staff/console.js: one function scope (no framework)
 * assembled from one part per idea. The parts share that scope, so a section's render function
 * is listed in SECTIONS in the shell. Everything user-supplied goes on the page with textContent,
 * never as HTML.
 */
import { CASE_JS } from './script/case';
import { CONSULTATION_JS } from './script/consultation';
import { COUNTER_JS } from './script/counter';
import { QUEUE_JS } from './script/queue';
import { SHELL_JS, START_JS } from './script/shell';
import { SURVEY_JS } from './script/survey';

export const STAFF_JS =
  "'use strict';\n(function () {" +
  SHELL_JS +
  QUEUE_JS +
  CASE_JS +
  COUNTER_JS +
  CONSULTATION_JS +
  SURVEY_JS +
  START_JS +
  '})();\n';
