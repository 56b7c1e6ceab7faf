/**
 * The demo's tool-calling dataset, in the OpenAI chat shape (`messages` with `tool_calls` and
 * `tool` results, a per-row `tools` list, `resolved`): runs of an agent on "TripDesk", an invented
 * flight-booking API with four tools. Most runs book the cheapest flight or cancel a booking as
 * asked; some carry the defects real releases have (FORMATS.md): arguments that are not JSON, that
 * break the schema or name an undeclared tool, the same failing call three times, a call cut off
 * before its result, and runs that end unresolved.
 */
import type { Rng } from "./random";
import { rngFor } from "./random";
import { CITIES, FIRST_NAMES, LAST_NAMES } from "./vocab";

export const TRIPDESK_TOOLS = [
  {
    type: "function",
    function: {
      name: "search_flights",
      description: "Search TripDesk flights between two cities on a date.",
      parameters: {
        type: "object",
        properties: {
          origin: { type: "string", description: "Departure city" },
          destination: { type: "string", description: "Arrival city" },
          date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" },
        },
        required: ["origin", "destination", "date"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function",
    function: {
      name: "book_flight",
      description: "Book a seat on a flight for one passenger.",
      parameters: {
        type: "object",
        properties: {
          flight_id: { type: "string" },
          passenger: {
            type: "object",
            properties: { name: { type: "string" }, email: { type: "string" } },
            required: ["name", "email"],
          },
        },
        required: ["flight_id", "passenger"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function",
    function: {
      name: "get_booking",
      description: "Look up a booking by its reference.",
      parameters: { type: "object", properties: { booking_id: { type: "string" } }, required: ["booking_id"], additionalProperties: false },
    },
  },
  {
    type: "function",
    function: {
      name: "cancel_booking",
      description: "Cancel a booking.",
      parameters: {
        type: "object",
        properties: { booking_id: { type: "string" }, reason: { type: "string", enum: ["customer_request", "schedule_change", "other"] } },
        required: ["booking_id"],
        additionalProperties: false,
      },
    },
  },
] as const;

const SYSTEM = "You are TripDesk's booking assistant. Use the tools to search, book and cancel flights. Always book the cheapest flight that matches the request unless told otherwise.";

/** What a run does; the defects are spread evenly through the file so even a small demo has each. */
export type TToolScenario =
  | "clean" | "parallel" | "cancel" | "invalid-json" | "schema" | "undeclared" | "wrong-choice" | "loop" | "cut-off";

const CYCLE: readonly TToolScenario[] = [
  "clean", "parallel", "invalid-json", "clean", "cancel", "schema", "clean", "undeclared", "wrong-choice", "parallel", "loop", "cut-off",
];

/** Runs that do not achieve the task (`resolved: false`). */
export const UNRESOLVED_SCENARIOS: readonly TToolScenario[] = ["schema", "wrong-choice", "loop", "cut-off"];

type TCall = { id: string; type: "function"; function: { name: string; arguments: string } };
export type TToolMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: TCall[]; reasoning_content?: string }
  | { role: "tool"; tool_call_id: string; name: string; content: string };

export type TToolRow = {
  id: string;
  model: string;
  resolved: boolean;
  tools: typeof TRIPDESK_TOOLS;
  messages: TToolMessage[];
};

const MODELS = ["tripdesk-agent-8b", "tripdesk-agent-70b", "tripdesk-reasoner-32b"] as const;

type TFlight = { flight_id: string; depart: string; price_eur: number; seats_left: number };

export function toolScenarioOf(index: number): TToolScenario {
  return CYCLE[index % CYCLE.length]!;
}

export function buildToolCallingRows(seed: number, count: number): TToolRow[] {
  return Array.from({ length: count }, (_, index) => buildRow(rngFor(seed, "tool-calling", index), index, toolScenarioOf(index)));
}

function buildRow(rng: Rng, index: number, scenario: TToolScenario): TToolRow {
  const model = rng.pick(MODELS);
  const run = new Run(rng, model.includes("reasoner"));
  const messages = scenario === "cancel" ? run.cancel() : run.booking(scenario);
  return { id: `tripdesk_${index + 1}`, model, resolved: !UNRESOLVED_SCENARIOS.includes(scenario), tools: TRIPDESK_TOOLS, messages };
}

/** One conversation being written. */
class Run {
  readonly messages: TToolMessage[] = [{ role: "system", content: SYSTEM }];

  constructor(private readonly rng: Rng, private readonly reasons: boolean) {}

  booking(scenario: TToolScenario): TToolMessage[] {
    const rng = this.rng;
    const [origin, destination] = rng.sample(CITIES, 2) as [string, string];
    const date = `2026-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    const passenger = { name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, email: `traveller${rng.int(100, 999)}@example.com` };
    this.messages.push({ role: "user", content: `Book the cheapest flight from ${origin} to ${destination} on ${date} for ${passenger.name} (${passenger.email}).` });

    if (scenario === "loop") {
      for (let i = 0; i < 3; i++) {
        this.call([["search_flights", JSON.stringify({ origin, destination, date: "next friday" })]], i === 0 ? "Search for flights first." : "Try the search again.");
        this.result("error: date must be YYYY-MM-DD");
      }
      this.answer("I could not search for flights right now. Please try again later.");
      return this.messages;
    }

    let flights = this.flights(date);
    if (scenario === "parallel") {
      const nextDay = `${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, "0")}`;
      const later = this.flights(nextDay);
      this.call(
        [["search_flights", JSON.stringify({ origin, destination, date })], ["search_flights", JSON.stringify({ origin, destination, date: nextDay })]],
        "Compare this day and the next in one go; the user asked for the given date, but I will note the alternative.",
      );
      this.result(JSON.stringify(flights));
      this.result(JSON.stringify(later));
    } else {
      this.call([["search_flights", JSON.stringify({ origin, destination, date })]], `Search ${origin} to ${destination} on ${date}.`);
      this.result(JSON.stringify(flights));
    }
    flights = [...flights].sort((a, b) => a.price_eur - b.price_eur);
    const cheapest = flights[0]!;
    const chosen = scenario === "wrong-choice" ? flights[flights.length - 1]! : cheapest;
    const booking = JSON.stringify({ flight_id: chosen.flight_id, passenger });

    if (scenario === "invalid-json") {
      this.call([["book_flight", `{"flight_id": "${chosen.flight_id}", passenger: {"name": "${passenger.name}"}`]], `Book ${chosen.flight_id}, the cheapest.`);
      this.result("error: arguments are not valid JSON");
    }
    if (scenario === "undeclared") {
      this.call([["reserve_seat", JSON.stringify({ flight: chosen.flight_id })]], "Reserve the seat first.");
      this.result("error: unknown tool reserve_seat");
    }
    if (scenario === "schema") {
      this.call([["book_flight", JSON.stringify({ flight_id: chosen.flight_id, passenger: { name: passenger.name } })]], `Book ${chosen.flight_id}.`);
      this.result("error: passenger.email is required");
      this.answer(`I could not complete the booking of ${chosen.flight_id}: the booking system rejected the request.`);
      return this.messages;
    }
    this.call([["book_flight", booking]], scenario === "wrong-choice" ? `${chosen.flight_id} leaves at a nicer time.` : `Book ${chosen.flight_id} at ${cheapest.price_eur} EUR.`);
    if (scenario === "cut-off") return this.messages;
    const reference = `TD-${this.rng.alnum(6)}`;
    this.result(JSON.stringify({ booking_id: reference, flight_id: chosen.flight_id, status: "confirmed", price_eur: chosen.price_eur }));
    this.answer(`Booked ${chosen.flight_id} (${chosen.depart}, ${chosen.price_eur} EUR) for ${passenger.name}. Booking reference ${reference}.`);
    return this.messages;
  }

  cancel(): TToolMessage[] {
    const reference = `TD-${this.rng.alnum(6)}`;
    this.messages.push({ role: "user", content: `Please cancel booking ${reference}, my plans changed.` });
    this.call([["get_booking", JSON.stringify({ booking_id: reference })]], "Check the booking exists.");
    const flight = `TD${this.rng.int(100, 999)}`;
    this.result(JSON.stringify({ booking_id: reference, flight_id: flight, status: "confirmed" }));
    this.call([["cancel_booking", JSON.stringify({ booking_id: reference, reason: "customer_request" })]], "Cancel it.");
    this.result(JSON.stringify({ booking_id: reference, status: "cancelled", refund_eur: this.rng.int(40, 300) }));
    this.answer(`Booking ${reference} on ${flight} is cancelled; the refund is on its way.`);
    return this.messages;
  }

  private flights(date: string): TFlight[] {
    return Array.from({ length: this.rng.int(2, 4) }, () => ({
      flight_id: `TD${this.rng.int(100, 999)}`,
      depart: `${date}T${String(this.rng.int(6, 21)).padStart(2, "0")}:${this.rng.pick(["00", "15", "30", "45"])}`,
      price_eur: this.rng.int(49, 420),
      seats_left: this.rng.int(1, 40),
    }));
  }

  private pending: TCall[] = [];

  private call(calls: [name: string, args: string][], reasoning: string) {
    const toolCalls: TCall[] = calls.map(([name, args]) => ({ id: `call_${this.rng.hex(12)}`, type: "function", function: { name, arguments: args } }));
    this.pending = [...toolCalls];
    this.messages.push({ role: "assistant", content: null, tool_calls: toolCalls, ...(this.reasons ? { reasoning_content: reasoning } : {}) });
  }

  private result(content: string) {
    const call = this.pending.shift()!;
    this.messages.push({ role: "tool", tool_call_id: call.id, name: call.function.name, content });
  }

  private answer(content: string) {
    this.messages.push({ role: "assistant", content });
  }
}
