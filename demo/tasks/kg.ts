/** The kg task (AgentBench knowledge graph): Thought + Action tool calls, "Observation: ..." back, "Final Answer: #n". */
import { kgReward } from "../rewards";
import { human, scripted, step } from "../turns";
import type { TDemoTurn, TEpisode, TEpisodeContext, TTaskBuilder } from "../types";
import { TEST_ONLY_KG, TRAINING_KG } from "./kg-graph";
import { KG_TEMPLATES, KgRun, kgTaskTurn } from "./kg-questions";

const KG_PROMPT = `You answer questions using a knowledge base. You cannot see the knowledge base directly; instead, you query it with these tools:

1. get_relations(variable: var) -> list of relations
Returns the relations connected to an entity or variable, so you can decide which one leads toward the answer. The argument can be an entity name or a variable (#0, #1, ...). Never guess relations: call this first.

2. get_neighbors(variable: var, relation: str) -> variable
Returns a new variable holding every entity linked to the argument by the relation. The relation must be one that get_relations returned for the argument.

3. intersection(variable1: var, variable2: var) -> variable
Returns a new variable holding the entities found in both variables. Both must be of the same type.

4. get_attributes(variable: var) -> list of attributes
Returns the numeric attributes of a variable, for use with argmax and argmin.

5. argmax(variable: var, attribute: str) -> variable
Returns the entity of the variable with the largest value of the attribute.

6. argmin(variable: var, attribute: str) -> variable
Returns the entity of the variable with the smallest value of the attribute.

7. count(variable: var) -> int
Returns the number of entities in the variable.

Every variable is numbered from 0 in the order it is created: #0 is the first, #1 the second, and so on.
In each turn, first write your reasoning as "Thought: ...", then exactly one call as "Action: tool(arguments)". I will reply with "Observation: ...". Take one action at a time, and at most 15 actions per question.
When a variable holds the answer, reply "Final Answer: #id" with that variable's id, for example "Final Answer: #3".`;

const KG_EXAMPLE: readonly TDemoTurn[] = [
  human("Question: which is the earliest film directed by Hayao Miyazaki with music composed by Joe Hisaishi?\nEntities: [Hayao Miyazaki, Joe Hisaishi]"),
  scripted("Thought: I need the films directed by Hayao Miyazaki. Let me look at the relations of Hayao Miyazaki first.\nAction: get_relations(Hayao Miyazaki)"),
  human("Observation: [film.director.film, film.writer.film, film.producer.film, people.person.nationality, award.award_winner.awards_won]"),
  scripted("Thought: film.director.film gives the films he directed.\nAction: get_neighbors(Hayao Miyazaki, film.director.film)"),
  human("Observation: variable #0, which are instances of film.film"),
  scripted("Thought: Now I need the films scored by Joe Hisaishi.\nAction: get_relations(Joe Hisaishi)"),
  human("Observation: [film.music_contributor.film, music.artist.album, people.person.place_of_birth, music.composer.compositions]"),
  scripted("Thought: film.music_contributor.film gives the films he composed music for.\nAction: get_neighbors(Joe Hisaishi, film.music_contributor.film)"),
  human("Observation: variable #1, which are instances of film.film"),
  scripted("Thought: The films matching both conditions are the intersection of #0 and #1.\nAction: intersection(#0, #1)"),
  human("Observation: variable #2, which are instances of film.film"),
  scripted("Thought: To find the earliest one I need a date attribute of #2.\nAction: get_attributes(#2)"),
  human("Observation: [film.film.initial_release_date, film.film.runtime, film.film.estimated_budget]"),
  scripted("Thought: The earliest film has the smallest film.film.initial_release_date.\nAction: argmin(#2, film.film.initial_release_date)"),
  human("Observation: variable #3, which are instances of film.film"),
  scripted("Thought: #3 is the final answer to the question, which represents the earliest film directed by Hayao Miyazaki with music by Joe Hisaishi.\nFinal Answer: #3"),
];

const KG_PREFIX: readonly TDemoTurn[] = [human(KG_PROMPT), scripted("Ok."), ...KG_EXAMPLE];

function build(ctx: TEpisodeContext): TEpisode {
  const { rng, quirk } = ctx;
  const q = rng.pick(KG_TEMPLATES)(rng, TRAINING_KG);
  const failsByQuirk = quirk === "loop" || quirk === "format-error";
  const run = new KgRun(rng, ctx.detail, ctx.reward >= 1 || failsByQuirk || rng.chance(0.3));
  const steps: TDemoTurn[] = [];
  const entity = q.entities[0] ?? "";
  let final: string;

  if (quirk === "loop") {
    const bad = "common.topic.subject_of";
    run.relations(entity, q.entityType, [], `Let me look at the relations of '${entity}'.`);
    for (let i = rng.int(3, 5); i > 0; i--) {
      run.actions.push({
        thought: `I will follow ${bad} from ${entity}.`,
        action: `get_neighbors(${entity}, ${bad})`,
        observation: `Observation: get_neighbors(${entity}, ${bad}) cannot be executed. You may make a mistake and need to fix it.`,
      });
    }
    final = "Thought: I could not find a working relation, so I will give my best guess.\nFinal Answer: #0";
  } else {
    const { answer, represents } = q.solve(run);
    final =
      quirk === "format-error"
        ? `Thought: I have found the answer, which is ${represents}.\nFinal Answer: ${entity}`
        : `Thought: ${answer} is the final answer to the question, which represents ${represents}.\nFinal Answer: ${answer}`;
  }
  for (const a of run.actions) steps.push(step(`Thought: ${a.thought}\nAction: ${a.action}`), human(a.observation));
  steps.push(step(final));

  const taskTurn = kgTaskTurn(q);
  return {
    taskTurn,
    steps,
    instruction: taskTurn,
    paraphrase: `${q.paraphrase} (start from: ${q.entities.join(" and ")})`,
    reward: failsByQuirk ? 0 : undefined,
  };
}

export const kgTask: TTaskBuilder = {
  task: "kg",
  prefix: KG_PREFIX,
  quirks: ["format-error", "loop"],
  drawReward: kgReward,
  build,
  templateOnlyQuestion: (rng) => kgTaskTurn(rng.pick(KG_TEMPLATES)(rng, TEST_ONLY_KG)),
};
