// TypeDoc cannot require an @example tag; this finds the exported functions and classes whose comment has none.
import { ReflectionKind } from 'typedoc';

/** Kinds of exported reflections that must show an `@example`. */
export const KINDS_NEEDING_EXAMPLE = ReflectionKind.Function | ReflectionKind.Class;

/** The comment of a function is on its signatures; a class's is on the class. */
function comments(reflection) {
  const own = reflection.comment ? [reflection.comment] : [];
  const signatures = (reflection.signatures ?? []).map((s) => s.comment).filter(Boolean);
  return [...own, ...signatures];
}

/** True when one of the reflection's comments has an `@example` block. */
export function hasExample(reflection) {
  return comments(reflection).some((c) => c.blockTags.some((tag) => tag.tag === '@example'));
}

/** Friendly full names of the exported functions and classes of `project` without an `@example`. */
export function missingExamples(project) {
  return project
    .getReflectionsByKind(KINDS_NEEDING_EXAMPLE)
    .filter((r) => !hasExample(r))
    .map((r) => r.getFriendlyFullName());
}

/** Every `@example` block of the project: the documented reflection's friendly name and the tag's text. */
export function exampleBlocks(project) {
  const blocks = [];
  for (const reflection of Object.values(project.reflections))
    for (const tag of reflection.comment?.blockTags ?? [])
      if (tag.tag === '@example')
        blocks.push({ name: reflection.getFriendlyFullName(), text: tag.content.map((part) => part.text).join('') });
  return blocks;
}
