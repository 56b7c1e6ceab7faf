import { z } from "zod";

// Zod 4 probes for eval (`new Function`) to compile faster parsers; under the
// Content-Security-Policy (proxy.ts) that probe is a reported violation, so
// parse in the browser without it.
z.config({ jitless: true });
