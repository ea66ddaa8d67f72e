import * as prettier from 'prettier';

/** The repository's code style for generated TypeScript (.prettierrc.json of the workspace). */
const STYLE: prettier.Options = { parser: 'typescript', singleQuote: true, printWidth: 140 };

export async function formatTypeScript(source: string, file: string): Promise<string> {
  try {
    return await prettier.format(source, STYLE);
  } catch (e) {
    throw new Error(`internal: generated ${file} does not parse: ${(e as Error).message}\n${source}`);
  }
}
