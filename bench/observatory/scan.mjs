// The MDN HTTP Observatory's own scan (src/scanner/index.js, same tests and grading), with the port passed
// to the retriever: its CLI only scans ports 443/80, and this machine's convention is 81NN on loopback.
// Usage: node scan.mjs <path to node_modules/@mdn/mdn-http-observatory> <hostname> <https port> [path]
import { pathToFileURL } from "node:url";

const [root, hostname, port, path = "/"] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(`${root}/src/${p}`).href);
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");

// http and https on the same port: plain HTTP to a TLS port fails, which the Observatory reads as
// "no HTTP listener" (redirection test: not needed), as for a site that only listens on 443.
const r = await retrieve(hostname, { httpsPort: port, httpPort: port, path });
if (!r.responses.auto) throw new Error("The site seems to be down.");
const results = ALL_TESTS.map((test) => test(r));
let passed = 0;
let withCredit = 100;
let uncurved = 100;
const tests = {};
for (const result of results) {
  if (result.result) {
    result.scoreModifier = getScoreModifier(result.result);
    passed += result.pass ? 1 : 0;
    withCredit += result.scoreModifier;
    if (result.scoreModifier < 0) uncurved += result.scoreModifier;
  }
  tests[result.constructor.name] = { result: result.result, pass: result.pass, scoreModifier: result.scoreModifier };
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved);
console.log(
  JSON.stringify(
    {
      url: `https://${hostname}:${port}${path}`,
      status: r.responses.auto.status,
      verifiedCertificate: r.responses.auto.verified,
      grade: final.grade,
      score: final.score,
      testsPassed: passed,
      testsQuantity: NUM_TESTS,
      tests,
    },
    null,
    2
  )
);
