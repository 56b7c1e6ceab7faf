/**
 * OS problems: each template writes a question, its paraphrase and the bash
 * steps that solve it (or, when the run fails, a plausible wrong route).
 */
import type { Rng } from "../random";
import { plural } from "../turns";
import {
  LOG_PATTERNS,
  accessLogLine,
  fileNames,
  lsLines,
  lsLongLine,
  passwdLine,
  syslogLine,
} from "./terminal";

export type TOsCommand = { think: string; cmd: string; output: string[] };

export type TOsPlan = {
  problem: string;
  paraphrase: string;
  commands: TOsCommand[];
  /** The closing step: `Think: ...\n\nAct: answer(...)` or `Act: finish`. */
  final: string;
  /** A command that fails the same way each time (for the loop quirk). */
  failing: TOsCommand;
};

export type TOsPools = {
  dirs: readonly string[];
  exts: readonly string[];
  textFiles: readonly string[];
  accessLogs: readonly string[];
  shells: readonly string[];
  users: readonly string[];
};

export const TRAINING_POOLS: TOsPools = {
  dirs: [
    "/var/log/nginx", "/home/ubuntu/projects", "/srv/data/exports", "/opt/app/config", "/usr/share/doc/python3",
    "/tmp/build", "/var/www/html", "/home/alice/reports", "/etc/systemd/system", "/data/warehouse/raw",
    "/home/bob/downloads", "/var/lib/postgresql/backups",
  ],
  exts: ["log", "txt", "csv", "conf", "json", "py", "sh", "md", "yaml", "gz"],
  textFiles: [
    "/var/log/auth.log", "/var/log/syslog", "/home/ubuntu/notes/todo.txt", "/srv/app/logs/app.log",
    "/var/log/nginx/error.log", "/opt/app/logs/worker.log", "/var/log/kern.log",
  ],
  accessLogs: ["/var/log/nginx/access.log", "/srv/app/logs/access.log", "/var/log/apache2/access.log"],
  shells: ["/bin/bash", "/bin/sh", "/usr/sbin/nologin", "/bin/zsh", "/bin/false"],
  users: ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"],
};

/** Content never used in training rows: for template-only test questions. */
export const TEST_ONLY_POOLS: TOsPools = {
  dirs: ["/mnt/archive/2019", "/var/spool/cron/crontabs", "/home/quinn/music", "/opt/legacy/bin", "/media/usb0/photos"],
  exts: ["bak", "tmp", "xml", "ini", "iso"],
  textFiles: ["/var/log/mail.log", "/home/quinn/journal.txt", "/var/log/cups/error_log"],
  accessLogs: ["/srv/lighttpd/hits.log", "/opt/proxy/logs/requests.log"],
  shells: ["/bin/dash", "/usr/bin/fish"],
  users: ["quinn", "rupert", "sybil"],
};

type TTemplate = {
  question(rng: Rng, pools: TOsPools): string;
  plan(rng: Rng, pools: TOsPools, ok: boolean, detail: number, host: string): TOsPlan;
};

function scaled(rng: Rng, min: number, max: number, detail: number): number {
  return Math.max(1, Math.round(rng.int(min, max) * detail));
}

/** The path with two neighbouring letters of its last part swapped ("passwd" → "psaswd"). */
function typo(path: string): string {
  const i = path.lastIndexOf("/");
  const name = path.slice(i + 1);
  for (let j = 1; j + 1 < name.length; j++) {
    const a = name[j] as string;
    const b = name[j + 1] as string;
    if (a !== b && /[a-z]/.test(a) && /[a-z]/.test(b)) {
      return `${path.slice(0, i + 1)}${name.slice(0, j)}${b}${a}${name.slice(j + 2)}`;
    }
  }
  return `${path}_old`;
}

function missing(path: string, tool = "ls", verb = "cannot access"): TOsCommand {
  const bad = typo(path);
  return {
    think: `Let me check ${bad} first.`,
    cmd: `${tool} ${bad}`,
    output: [`${tool}: ${verb} '${bad}': No such file or directory`],
  };
}

const countByExtension: TTemplate = {
  question: (rng, p) => countQuestion(rng.pick(p.exts), rng.pick(p.dirs)),
  plan(rng, p, ok, detail) {
    const ext = rng.pick(p.exts);
    const dir = rng.pick(p.dirs);
    const n = rng.int(3, 180);
    const commands: TOsCommand[] = [];
    if (rng.chance(0.6)) {
      const files = fileNames(rng, scaled(rng, 5, 14, detail), [ext, ext, rng.pick(p.exts)]);
      const subdirs = rng.sample(["archive", "old", "2023", "tmp", "shared", "misc"], rng.int(1, 3));
      commands.push({
        think: `First I want to see what ${dir} contains and whether it has subdirectories.`,
        cmd: `ls ${dir}`,
        output: lsLines(rng, files, subdirs),
      });
    }
    if (ok) {
      commands.push({
        think: `There are subdirectories, so I should search recursively with find and count the matches.`,
        cmd: `find ${dir} -type f -name "*.${ext}" | wc -l`,
        output: [String(n)],
      });
      return {
        problem: countQuestion(ext, dir),
        paraphrase: `Report the number of ${ext} files found anywhere below ${dir} (search recursively).`,
        commands,
        final: `Think: The output is ${n}, so there are ${n} .${ext} files under ${dir}.\n\nAct: answer(${n})`,
        failing: missing(dir),
      };
    }
    const m = Math.max(0, n - rng.int(1, n));
    commands.push({
      think: `I will count the .${ext} files by filtering the listing.`,
      cmd: `ls ${dir} | grep -c "\\.${ext}$"`,
      output: [String(m)],
    });
    return {
      problem: countQuestion(ext, dir),
      paraphrase: `Report the number of ${ext} files found anywhere below ${dir} (search recursively).`,
      commands,
      final: `Think: The count is ${m}.\n\nAct: answer(${m})`,
      failing: missing(dir),
    };
  },
};

function countQuestion(ext: string, dir: string): string {
  return `How many files with the .${ext} extension are there in ${dir}, including all of its subdirectories?`;
}

const countMatchingLines: TTemplate = {
  question: (rng, p) => linesQuestion(rng.pick(p.textFiles), rng.pick(LOG_PATTERNS)),
  plan(rng, p, ok, detail, host) {
    const file = rng.pick(p.textFiles);
    const pattern = rng.pick(LOG_PATTERNS);
    const n = rng.int(0, 420);
    const commands: TOsCommand[] = [];
    if (rng.chance(0.5)) {
      const k = scaled(rng, 3, 8, detail);
      commands.push({
        think: `Let me look at the first lines of ${file} to see its format.`,
        cmd: `head -n ${k} ${file}`,
        output: Array.from({ length: k }, () => syslogLine(rng, host)),
      });
    }
    const cmd = ok ? `grep -c "${pattern}" ${file}` : `grep -ci "${pattern}" ${file}`;
    const value = ok ? n : n + rng.int(1, 40);
    commands.push({
      think: ok
        ? `grep -c counts the lines that contain the text, which is exactly what is asked.`
        : `I will count matching lines, ignoring case to be safe.`,
      cmd,
      output: [String(value)],
    });
    return {
      problem: linesQuestion(file, pattern),
      paraphrase: `In ${file}, count the lines where "${pattern}" occurs and give me that count.`,
      commands,
      final: `Think: ${plural(value, "line")} match${value === 1 ? "es" : ""}.\n\nAct: answer(${value})`,
      failing: missing(file, "cat", "cannot open"),
    };
  },
};

function linesQuestion(file: string, pattern: string): string {
  return `How many lines of the file ${file} contain the text "${pattern}"?`;
}

const largestFile: TTemplate = {
  question: (rng, p) => largestQuestion(rng.pick(p.dirs)),
  plan(rng, p, ok, detail) {
    const dir = rng.pick(p.dirs);
    const k = scaled(rng, 4, 9, detail);
    const names = fileNames(rng, k, p.exts);
    let size = rng.int(200_000, 9_000_000);
    const rows = names.map((name) => {
      size = Math.floor(size * (0.3 + rng.next() * 0.6));
      return { name, size };
    });
    const sorted = ok ? rows : rng.shuffle(rows);
    const first = rows[0]?.name ?? "data.csv";
    const chosen = ok ? first : sorted.find((r) => r.name !== first)?.name ?? first;
    return {
      problem: largestQuestion(dir),
      paraphrase: `Find the biggest file (by size in bytes) sitting directly in ${dir}; reply with just its name.`,
      commands: [
        {
          think: ok
            ? `ls -lS sorts by size, largest first, so the first file line is the answer.`
            : `I will list the directory with details and look at the sizes.`,
          cmd: ok ? `ls -lS ${dir} | head -n ${k + 1}` : `ls -l ${dir}`,
          output: [`total ${rng.int(100, 90000)}`, ...sorted.map((r) => lsLongLine(rng, r.name, r.size))],
        },
      ],
      final: `Think: The largest file is ${chosen}.\n\nAct: answer(${chosen})`,
      failing: missing(dir),
    };
  },
};

function largestQuestion(dir: string): string {
  return `Which file in ${dir} is the largest? Answer with the file name only, without the path.`;
}

const shellUsers: TTemplate = {
  question: (rng, p) => shellQuestion(rng.pick(p.shells)),
  plan(rng, p, ok, detail) {
    const shell = rng.pick(p.shells);
    const n = rng.int(1, 14);
    const commands: TOsCommand[] = [];
    if (rng.chance(0.5)) {
      const k = scaled(rng, 3, 6, detail);
      commands.push({
        think: `The login shell is the last field of each line in /etc/passwd. Let me look at a few lines.`,
        cmd: `tail -n ${k} /etc/passwd`,
        output: Array.from({ length: k }, () => passwdLine(rng, rng.pick(p.users), rng.pick(p.shells))),
      });
    }
    const value = ok ? n : n + rng.int(1, 5);
    commands.push({
      think: ok
        ? `I count the lines whose last field is exactly ${shell}, anchoring the match at the end of the line.`
        : `I count the lines that mention ${shell}.`,
      cmd: ok ? `grep -c ":${shell}$" /etc/passwd` : `grep -c "${shell}" /etc/passwd`,
      output: [String(value)],
    });
    return {
      problem: shellQuestion(shell),
      paraphrase: `Count the accounts in the passwd database whose login shell is set to ${shell}.`,
      commands,
      final: `Think: ${plural(value, "account")} use${value === 1 ? "s" : ""} ${shell}.\n\nAct: answer(${value})`,
      failing: missing("/etc/passwd.d", "cat", "cannot open"),
    };
  },
};

function shellQuestion(shell: string): string {
  return `How many user accounts on this system use ${shell} as their login shell?`;
}

const copyByExtension: TTemplate = {
  question: (rng, p) => copyQuestion(`/tmp/${rng.pick(p.users)}_copy`, rng.pick(p.exts), rng.pick(p.dirs)),
  plan(rng, p, ok) {
    const dir = rng.pick(p.dirs);
    const ext = rng.pick(p.exts);
    const target = `/tmp/backup_${rng.pick(["conf", "daily", "2023", "snapshot", "old", "weekly"])}`;
    const n = rng.int(1, 25);
    const problem = copyQuestion(target, ext, dir);
    const paraphrase = `Make a new folder at ${target}, then put copies of the ${ext} files from the top level of ${dir} there.`;
    if (!ok) {
      return {
        problem,
        paraphrase,
        commands: [
          {
            think: `I can copy the files with a glob.`,
            cmd: `cp ${dir}/*.${ext} ${target}/`,
            output: [`cp: target '${target}/' is not a directory`],
          },
        ],
        final: `Think: The files have been copied.\n\nAct: finish`,
        failing: { think: `Copy again.`, cmd: `cp ${dir}/*.${ext} ${target}/`, output: [`cp: target '${target}/' is not a directory`] },
      };
    }
    return {
      problem,
      paraphrase,
      commands: [
        {
          think: `I create the directory first, then copy the matching files with a glob (cp without -r skips subdirectories).`,
          cmd: `mkdir -p ${target} && cp ${dir}/*.${ext} ${target}/`,
          output: [],
        },
        {
          think: `No errors. Let me verify how many files arrived.`,
          cmd: `ls ${target} | wc -l`,
          output: [String(n)],
        },
      ],
      final: `Think: ${target} now holds ${plural(n, `.${ext} file`)}, so the operation is complete.\n\nAct: finish`,
      failing: missing(dir),
    };
  },
};

function copyQuestion(target: string, ext: string, dir: string): string {
  return `Create the directory ${target} and copy every .${ext} file that sits directly in ${dir} into it.`;
}

const diskUsage: TTemplate = {
  question: (rng, p) => duQuestion(rng.pick(p.dirs)),
  plan(rng, p, ok) {
    const dir = rng.pick(p.dirs);
    const kb = rng.int(120, 9_800_000);
    const human = kb > 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(1)}G` : kb > 1024 ? `${Math.round(kb / 1024)}M` : `${kb}K`;
    const guess = human.endsWith("G") ? Math.round(parseFloat(human) * 1_000_000) : human.endsWith("M") ? parseInt(human, 10) * 1000 : kb;
    return {
      problem: duQuestion(dir),
      paraphrase: `Tell me how many KB the ${dir} tree occupies on disk, as a bare number.`,
      commands: [
        ok
          ? { think: `du -sk prints the total size in kilobytes.`, cmd: `du -sk ${dir}`, output: [`${kb}\t${dir}`] }
          : { think: `du -sh gives a readable total.`, cmd: `du -sh ${dir}`, output: [`${human}\t${dir}`] },
      ],
      final: ok
        ? `Think: The total is ${kb} KB.\n\nAct: answer(${kb})`
        : `Think: ${human} is about ${guess} KB.\n\nAct: answer(${guess})`,
      failing: missing(dir, "du", "cannot access"),
    };
  },
};

function duQuestion(dir: string): string {
  return `What is the total disk usage of ${dir} in kilobytes? Answer with the number only, no unit.`;
}

const chmodScripts: TTemplate = {
  question: (rng, p) => chmodQuestion(rng.pick(p.dirs)),
  plan(rng, p, ok, detail) {
    const dir = rng.pick(p.dirs);
    const scripts = fileNames(rng, scaled(rng, 2, 5, detail), ["sh"]);
    const sizes = scripts.map(() => rng.int(200, 9000));
    const before = scripts.map((s, i) => lsLongLine(rng, `${dir}/${s}`, sizes[i] ?? 512));
    const after = before.map((line) => `${ok ? "-rwxr--r--" : "-rwxrwxrwx"}${line.slice(10)}`);
    return {
      problem: chmodQuestion(dir),
      paraphrase: `Give the owner execute permission on each shell script (*.sh) in ${dir}; do not touch any other permissions.`,
      commands: [
        { think: `Let me list the scripts and their current permissions.`, cmd: `ls -l ${dir}/*.sh`, output: before },
        ok
          ? { think: `u+x adds the execute bit for the owner only.`, cmd: `chmod u+x ${dir}/*.sh`, output: [] }
          : { think: `I make the scripts executable.`, cmd: `chmod 777 ${dir}/*.sh`, output: [] },
        { think: `Let me confirm the new permissions.`, cmd: `ls -l ${dir}/*.sh`, output: after },
      ],
      final: `Think: The scripts are now executable by their owner.\n\nAct: finish`,
      failing: missing(dir),
    };
  },
};

function chmodQuestion(dir: string): string {
  return `Make every .sh script in ${dir} executable by its owner, leaving all other permission bits unchanged.`;
}

const distinctIps: TTemplate = {
  question: (rng, p) => ipQuestion(rng.pick(p.accessLogs)),
  plan(rng, p, ok, detail) {
    const file = rng.pick(p.accessLogs);
    const n = rng.int(4, 900);
    const k = scaled(rng, 2, 5, detail);
    const value = ok ? n : n + rng.int(10, 400);
    return {
      problem: ipQuestion(file),
      paraphrase: `Count the unique IPs that sent requests, according to ${file}.`,
      commands: [
        { think: `The client IP is the first field of each access log line. Let me check.`, cmd: `head -n ${k} ${file}`, output: Array.from({ length: k }, () => accessLogLine(rng)) },
        ok
          ? { think: `I extract the first field, sort it uniquely and count.`, cmd: `awk '{print $1}' ${file} | sort -u | wc -l`, output: [String(value)] }
          : { think: `I extract the first field and drop duplicates.`, cmd: `awk '{print $1}' ${file} | uniq | wc -l`, output: [String(value)] },
      ],
      final: `Think: There are ${plural(value, "distinct address", "distinct addresses")}.\n\nAct: answer(${value})`,
      failing: missing(file, "head", "cannot open"),
    };
  },
};

function ipQuestion(file: string): string {
  return `Count the distinct client IP addresses in the web server log ${file}: how many are there?`;
}

export const OS_TEMPLATES: readonly TTemplate[] = [
  countByExtension,
  countMatchingLines,
  largestFile,
  shellUsers,
  copyByExtension,
  diskUsage,
  chmodScripts,
  distinctIps,
];

/** ~200 KB of syslog for the huge-observation quirk. */
export function hugeLog(rng: Rng, host: string, bytes: number): string[] {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = syslogLine(rng, host);
    lines.push(line);
    size += line.length + 2;
  }
  return lines;
}
