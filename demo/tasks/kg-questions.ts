/** kg questions: each template runs tool calls on a KgRun that numbers the variables. */
import type { Rng } from "../random";
import { relationsObservation, wrongRelation, type TKgPools } from "./kg-graph";

export type TKgAction = { thought: string; action: string; observation: string };

export class KgRun {
  readonly actions: TKgAction[] = [];
  private next = 0;

  /** `ok` false: the first neighbour hop takes a wrong relation (the answer is off). */
  constructor(
    private rng: Rng,
    private detail: number,
    private ok: boolean,
  ) {}

  relations(node: string, type: string, needed: readonly string[], thought: string) {
    this.actions.push({ thought, action: `get_relations(${node})`, observation: relationsObservation(this.rng, type, needed, this.detail) });
  }

  neighbors(node: string, relation: string, nodeType: string, resultType: string, thought: string): string {
    let used = relation;
    if (!this.ok) {
      used = wrongRelation(this.rng, nodeType, relation);
      this.ok = true; // one mistake per run
    }
    return this.push(`get_neighbors(${node}, ${used})`, `which are instances of ${resultType}`, thought.replace(relation, used));
  }

  intersection(a: string, b: string, type: string, thought: string): string {
    return this.push(`intersection(${a}, ${b})`, `which are instances of ${type}`, thought);
  }

  attributes(node: string, attributes: readonly string[], thought: string) {
    this.actions.push({ thought, action: `get_attributes(${node})`, observation: `Observation: [${this.rng.shuffle(attributes).join(", ")}]` });
  }

  argmax(node: string, attribute: string, type: string, thought: string): string {
    return this.push(`argmax(${node}, ${attribute})`, `which are instances of ${type}`, thought);
  }

  count(node: string, thought: string): string {
    return this.push(`count(${node})`, "which is a number", thought);
  }

  private push(action: string, what: string, thought: string): string {
    const v = `#${this.next++}`;
    this.actions.push({ thought, action, observation: `Observation: variable ${v}, ${what}` });
    return v;
  }
}

export type TKgQuestion = {
  question: string;
  paraphrase: string;
  entities: string[];
  /** Type of the first entity (a key of RELATIONS). */
  entityType: string;
  /** Runs the tool calls; returns the answer variable and what it stands for. */
  solve(run: KgRun): { answer: string; represents: string };
};

type TTemplate = (rng: Rng, pools: TKgPools) => TKgQuestion;

const look = (entity: string, goal: string) =>
  `I need to ${goal}. To do that, I will first look at the relations connected to '${entity}' and see which one can help.`;

const directorActor: TTemplate = (rng, pools) => {
  const [d, a] = rng.pick(pools.directorActor);
  return {
    question: `which films directed by ${d} also starred ${a}?`,
    paraphrase: `Name the movies that have ${a} in the cast and ${d} as director.`,
    entities: [d, a],
    entityType: "person",
    solve(run) {
      run.relations(d, "person", ["film.director.film"], look(d, `find the films directed by ${d}`));
      const v0 = run.neighbors(d, "film.director.film", "person", "film.film", `From the above relations, film.director.film gives the films directed by ${d}.`);
      run.relations(a, "person", ["film.actor.film"], `Next I need the films that starred ${a}. Let me look at the relations of '${a}'.`);
      const v1 = run.neighbors(a, "film.actor.film", "person", "film.performance", `film.actor.film leads to the performances of ${a}.`);
      run.relations(v1, "performance", ["film.performance.film"], `${v1} holds performances; I need the films they belong to.`);
      const v2 = run.neighbors(v1, "film.performance.film", "performance", "film.film", `film.performance.film maps each performance to its film.`);
      const v3 = run.intersection(v0, v2, "film.film", `The answer is the films in both ${v0} and ${v2}.`);
      return { answer: v3, represents: `the films directed by ${d} that starred ${a}` };
    },
  };
};

const education: TTemplate = (rng, pools) => {
  const p = rng.pick(pools.people);
  return {
    question: `which university did ${p} attend?`,
    paraphrase: `Where did ${p} go to college or university?`,
    entities: [p],
    entityType: "person",
    solve(run) {
      run.relations(p, "person", ["people.person.education"], look(p, `find where ${p} studied`));
      const v0 = run.neighbors(p, "people.person.education", "person", "education.education", `people.person.education leads to the education records of ${p}.`);
      run.relations(v0, "education", ["education.education.institution"], `Each record should point to an institution.`);
      const v1 = run.neighbors(v0, "education.education.institution", "education", "education.university", `education.education.institution gives the institutions.`);
      return { answer: v1, represents: `the universities ${p} attended` };
    },
  };
};

const albumCount: TTemplate = (rng, pools) => {
  const b = rng.pick(pools.bands);
  return {
    question: `how many albums has ${b} released?`,
    paraphrase: `Give the number of albums that ${b} put out.`,
    entities: [b],
    entityType: "group",
    solve(run) {
      run.relations(b, "group", ["music.artist.album"], look(b, `find the albums of ${b}`));
      const v0 = run.neighbors(b, "music.artist.album", "group", "music.album", `music.artist.album gives the albums.`);
      const v1 = run.count(v0, `Now I count the albums in ${v0}.`);
      return { answer: v1, represents: `the number of albums released by ${b}` };
    },
  };
};

const tallest: TTemplate = (rng, pools) => {
  const c = rng.pick(pools.cities);
  return {
    question: `what is the tallest building in ${c}?`,
    paraphrase: `Among the buildings located in ${c}, which one reaches the greatest height?`,
    entities: [c],
    entityType: "city",
    solve(run) {
      run.relations(c, "city", ["location.location.contains"], look(c, `find the buildings in ${c}`));
      const v0 = run.neighbors(c, "location.location.contains", "city", "location.location", `location.location.contains gives the places inside ${c}.`);
      run.attributes(v0, ["architecture.structure.height_meters", "architecture.building.floors", "location.location.area", "architecture.structure.opened"], `To compare heights I need a numeric attribute of ${v0}.`);
      const v1 = run.argmax(v0, "architecture.structure.height_meters", "location.location", `The tallest one maximises architecture.structure.height_meters.`);
      return { answer: v1, represents: `the tallest building in ${c}` };
    },
  };
};

const founder: TTemplate = (rng, pools) => {
  const p = rng.pick(pools.products);
  return {
    question: `who founded the company that makes the ${p}?`,
    paraphrase: `The ${p} is made by a company; who were its founders?`,
    entities: [p],
    entityType: "product",
    solve(run) {
      run.relations(p, "product", ["business.consumer_product.company"], look(p, `find the maker of the ${p}`));
      const v0 = run.neighbors(p, "business.consumer_product.company", "product", "business.business_operation", `business.consumer_product.company gives the company.`);
      run.relations(v0, "business", ["organization.organization.founders"], `Now I need the founders of ${v0}.`);
      const v1 = run.neighbors(v0, "organization.organization.founders", "business", "people.person", `organization.organization.founders gives the founders.`);
      return { answer: v1, represents: `the founders of the company that makes the ${p}` };
    },
  };
};

const stadium: TTemplate = (rng, pools) => {
  const s = rng.pick(pools.stadiums);
  return {
    question: `which sports team plays its home games at ${s}?`,
    paraphrase: `What team uses ${s} as its home venue?`,
    entities: [s],
    entityType: "stadium",
    solve(run) {
      run.relations(s, "stadium", ["sports.sports_facility.teams"], look(s, `find the teams based at ${s}`));
      const v0 = run.neighbors(s, "sports.sports_facility.teams", "stadium", "sports.sports_team", `sports.sports_facility.teams gives the teams that use ${s}.`);
      return { answer: v0, represents: `the teams playing at ${s}` };
    },
  };
};

const authorBirthplace: TTemplate = (rng, pools) => {
  const b = rng.pick(pools.books);
  return {
    question: `where was the author of ${b} born?`,
    paraphrase: `Give the birthplace of the person who wrote ${b}.`,
    entities: [b],
    entityType: "book",
    solve(run) {
      run.relations(b, "book", ["book.written_work.author"], look(b, `find the author of ${b}`));
      const v0 = run.neighbors(b, "book.written_work.author", "book", "book.author", `book.written_work.author gives the author.`);
      run.relations(v0, "author", ["people.person.place_of_birth"], `Now I need where ${v0} was born.`);
      const v1 = run.neighbors(v0, "people.person.place_of_birth", "author", "location.location", `people.person.place_of_birth gives the birthplace.`);
      return { answer: v1, represents: `the birthplace of the author of ${b}` };
    },
  };
};

const riverCountries: TTemplate = (rng, pools) => {
  const r = rng.pick(pools.rivers);
  return {
    question: `which countries does the ${r} flow through?`,
    paraphrase: `List every country in the basin of the ${r}.`,
    entities: [r],
    entityType: "river",
    solve(run) {
      run.relations(r, "river", ["geography.river.basin_countries"], look(r, `find the countries along the ${r}`));
      const v0 = run.neighbors(r, "geography.river.basin_countries", "river", "location.country", `geography.river.basin_countries gives the countries.`);
      return { answer: v0, represents: `the countries the ${r} flows through` };
    },
  };
};

export const KG_TEMPLATES: readonly TTemplate[] = [
  directorActor, education, albumCount, tallest, founder, stadium, authorBirthplace, riverCountries,
];

export function kgTaskTurn(q: TKgQuestion): string {
  return `A new question: ${q.question}\nEntities: [${q.entities.join(", ")}]`;
}
