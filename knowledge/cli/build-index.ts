// Build step: parses the shipped policy text into the clause tree and writes it next to the compiled code
// (dist/knowledge/policy-tree.json), and the vocabulary files into their parsed copies (dist/knowledge/data/).
// The engine uses each only while it matches its source text; a revised text is picked up by running the build
// again, or at start-up if the build was skipped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PREBUILT_TREE } from '../engine';
import { loadRoles, PARSED_DATA_DIR, writeParsedData } from '../lexicon';
import { DEFAULT_POLICY_PATH } from '../paths';
import { buildTreeData } from '../tree';

const policyPath = process.argv[2] ?? DEFAULT_POLICY_PATH();
const data = buildTreeData(readFileSync(policyPath, 'utf8'), loadRoles());
const out = PREBUILT_TREE();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(data));
process.stdout.write(`policy tree: ${data.clauses.length} clauses, ${data.roles.length} roles (${data.front.revision}) -> ${out}\n`);
const parsed = writeParsedData();
process.stdout.write(`vocabulary: ${parsed.length} files parsed -> ${PARSED_DATA_DIR()}\n`);
