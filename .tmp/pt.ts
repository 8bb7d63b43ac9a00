import { parseDocument, documentText } from '../src/lib/document.ts';
for (const body of ['Intro.\n\n{/* note */}\n\nMore {/* x */} text, **bold**{/* y */} and{/*z*/}.', '{/* a */} Lead.', 'a {/* x */ 1} b']) {
  try { console.log(JSON.stringify(documentText(parseDocument('T', body, 10)))); } catch (e) { console.log((e as any).problem ?? e); }
}
