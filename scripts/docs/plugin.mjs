// TypeDoc plugin of `npm run docs`: after TypeDoc's own validation (a comment on every exported symbol), every exported
// function and class must show an @example, and every example must compile against the sources. Findings are
// validation warnings, which typedoc.config.mjs turns into errors.
import { Application } from 'typedoc';
import { exampleBlocks, missingExamples } from './require-example.mjs';
import { compileExamples } from './compile-examples.mjs';

/** @param {Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const name of missingExamples(project))
      app.logger.validationWarning(`${name} is exported but its comment has no @example`);
    for (const { name, message } of compileExamples(process.cwd(), exampleBlocks(project)))
      app.logger.validationWarning(`${name}: ${message}`);
  });
}
