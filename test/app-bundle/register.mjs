// Loaded with `node --import` before the built tray bundle: every `import … from 'electron'`
// resolves to the recording stub beside this file (Node's module customization hooks).
import { register } from 'node:module';

register('./electron-hooks.mjs', import.meta.url);
