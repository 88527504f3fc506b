// TypeDoc plugin of `npm run docs`: after TypeDoc's own validation (a comment on every exported symbol), every exported
// function and class must show an @example, and every example must compile against the sources. Findings are
// validation warnings, which typedoc.config.mjs turns into errors.
import { Application, ParameterType } from 'typedoc';
import { exampleBlocks, missingExamples } from './require-example.mjs';
import { compileExamples } from './compile-examples.mjs';

/** @param {Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'intentionallyWithoutExample',
    help: 'Friendly full names of exported functions and classes allowed to lack an @example (a list that shrinks).',
    type: ParameterType.Array,
    defaultValue: [],
  });
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    const allowed = new Set(app.options.getValue('intentionallyWithoutExample'));
    const missing = missingExamples(project);
    for (const name of missing)
      if (!allowed.has(name)) app.logger.validationWarning(`${name} is exported but its comment has no @example`);
    reportStale(app, 'intentionallyWithoutExample', allowed, missing);
    for (const { name, message } of compileExamples(process.cwd(), exampleBlocks(project)))
      app.logger.validationWarning(`${name}: ${message}`);
  });
}

/** A name on an allow-list that no longer needs to be there fails the build, so the lists only shrink. */
function reportStale(app, option, allowed, current) {
  const stale = [...allowed].filter((name) => !current.includes(name));
  if (stale.length)
    app.logger.validationWarning(
      `${option} names symbols that are fine now or gone; remove them:\n\t${stale.join('\n\t')}`,
    );
}
