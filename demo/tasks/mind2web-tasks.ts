/** Mind2Web-like web tasks: a request and the reference actions that complete it on one site. */
import type { Rng } from "../random";
import { article } from "../turns";
import { MONTHS } from "../vocab";

export type TElementRole = "button" | "link" | "combobox" | "searchbox" | "textbox" | "select" | "option" | "radio";

export type TRefAction = { role: TElementRole; label: string; op: "CLICK" | "TYPE" | "SELECT"; value?: string };

export type TWebTask = { site: string; task: string; paraphrase: string; actions: TRefAction[] };

export type TWebPools = {
  cities: readonly string[];
  products: readonly string[];
  artists: readonly string[];
  teams: readonly string[];
  cuisines: readonly string[];
};

export const TRAINING_WEB: TWebPools = {
  cities: ["New York", "Chicago", "Mumbai", "London", "San Francisco", "Dallas", "Miami", "Berlin", "Toronto", "Seattle", "Boston", "Madrid"],
  products: ["standing desk", "air fryer", "office chair", "4K monitor", "robot vacuum", "electric kettle", "bookshelf", "mechanical keyboard"],
  artists: ["Taylor Swift", "Coldplay", "Bad Bunny", "Billie Eilish", "Ed Sheeran", "The Weeknd", "Adele", "Kendrick Lamar"],
  teams: ["Chicago Bulls", "Boston Celtics", "Golden State Warriors", "Miami Heat", "Denver Nuggets", "New York Knicks"],
  cuisines: ["Italian", "Thai", "Mexican", "Japanese", "Indian", "Ethiopian", "Greek"],
};

export const TEST_ONLY_WEB: TWebPools = {
  cities: ["Reykjavik", "Windhoek", "Ulaanbaatar"],
  products: ["label printer", "dehumidifier", "rowing machine"],
  artists: ["Rosalia", "Fela Kuti Tribute Band"],
  teams: ["Utah Jazz", "Orlando Magic"],
  cuisines: ["Georgian", "Peruvian"],
};

function date(rng: Rng): string {
  return `${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${rng.pick([2023, 2024])}`;
}

type TTemplate = (rng: Rng, p: TWebPools) => TWebTask;

const flight: TTemplate = (rng, p) => {
  const [a, b] = rng.sample(p.cities, 2) as [string, string];
  const when = date(rng);
  const n = rng.int(1, 4);
  return {
    site: rng.pick(["united", "delta", "jetblue", "aa"]),
    task: `Find a one-way flight from ${a} to ${b} on ${when} for ${n} adult${n > 1 ? "s" : ""} in economy.`,
    paraphrase: `Look up economy one-way air travel, ${a} → ${b}, departing ${when}; ${n} adult passenger(s).`,
    actions: [
      { role: "radio", label: "One-way", op: "CLICK" },
      { role: "combobox", label: "From", op: "TYPE", value: a },
      { role: "option", label: `${a} (All airports)`, op: "CLICK" },
      { role: "combobox", label: "To", op: "TYPE", value: b },
      { role: "option", label: `${b} (All airports)`, op: "CLICK" },
      { role: "button", label: "Depart date", op: "CLICK" },
      { role: "button", label: when, op: "CLICK" },
      { role: "select", label: "Travelers", op: "SELECT", value: `${n} Adult${n > 1 ? "s" : ""}` },
      { role: "button", label: "Find flights", op: "CLICK" },
    ],
  };
};

const carRental: TTemplate = (rng, p) => {
  const city = rng.pick(p.cities);
  const cls = rng.pick(["economy", "compact", "midsize", "full-size", "SUV"]);
  const month = rng.pick(MONTHS);
  const year = rng.pick([2023, 2024]);
  const day = rng.int(1, 20);
  const d1 = `${month} ${day}, ${year}`;
  const d2 = `${month} ${day + rng.int(2, 8)}, ${year}`;
  return {
    site: rng.pick(["budget", "enterprise", "hertz"]),
    task: `Rent ${article(cls)} car at the ${city} airport, picking it up on ${d1} and returning it on ${d2}.`,
    paraphrase: `I need ${article(cls)} rental: collect ${d1} at ${city}'s airport, drop off ${d2}.`,
    actions: [
      { role: "textbox", label: "Pick-up location", op: "TYPE", value: city },
      { role: "option", label: `${city} Airport`, op: "CLICK" },
      { role: "button", label: "Pick-up date", op: "CLICK" },
      { role: "button", label: d1, op: "CLICK" },
      { role: "button", label: d2, op: "CLICK" },
      { role: "select", label: "Vehicle class", op: "SELECT", value: cls },
      { role: "button", label: "Select my car", op: "CLICK" },
    ],
  };
};

const restaurant: TTemplate = (rng, p) => {
  const city = rng.pick(p.cities);
  const cuisine = rng.pick(p.cuisines);
  const n = rng.int(2, 8);
  const time = rng.pick(["6:00 PM", "7:30 PM", "8:00 PM", "12:30 PM"]);
  const when = date(rng);
  return {
    site: rng.pick(["opentable", "resy", "yelp"]),
    task: `Book a table for ${n} people at a ${cuisine} restaurant in ${city} on ${when} at ${time}.`,
    paraphrase: `Reserve ${cuisine} dinner seating in ${city}: party of ${n}, ${when}, around ${time}.`,
    actions: [
      { role: "searchbox", label: "Location", op: "TYPE", value: city },
      { role: "searchbox", label: "Cuisine or restaurant name", op: "TYPE", value: cuisine },
      { role: "select", label: "Party size", op: "SELECT", value: `${n} people` },
      { role: "button", label: when, op: "CLICK" },
      { role: "select", label: "Time", op: "SELECT", value: time },
      { role: "button", label: "Let's go", op: "CLICK" },
      { role: "link", label: `${cuisine} Kitchen & Bar`, op: "CLICK" },
      { role: "button", label: time, op: "CLICK" },
    ],
  };
};

const shopping: TTemplate = (rng, p) => {
  const product = rng.pick(p.products);
  const price = rng.pick([50, 100, 150, 200, 300, 500]);
  return {
    site: rng.pick(["target", "ikea", "bestbuy", "walmart"]),
    task: `Search for a ${product} under $${price} and add the cheapest one to the shopping cart.`,
    paraphrase: `Put the lowest priced ${product} (must cost below ${price} dollars) in my basket.`,
    actions: [
      { role: "searchbox", label: "Search", op: "TYPE", value: product },
      { role: "button", label: "Search", op: "CLICK" },
      { role: "button", label: "Price", op: "CLICK" },
      { role: "link", label: `Under $${price}`, op: "CLICK" },
      { role: "select", label: "Sort by", op: "SELECT", value: "Price: Low to High" },
      { role: "link", label: `${product} - Best Value`, op: "CLICK" },
      { role: "button", label: "Add to cart", op: "CLICK" },
    ],
  };
};

const tickets: TTemplate = (rng, p) => {
  const artist = rng.pick(p.artists);
  const city = rng.pick(p.cities);
  const n = rng.int(2, 6);
  const month = rng.pick(MONTHS);
  return {
    site: rng.pick(["ticketmaster", "seatgeek", "stubhub"]),
    task: `Find ${n} tickets for the ${artist} concert in ${city} in ${month} and show the cheapest seats.`,
    paraphrase: `${artist} live in ${city} during ${month}: I want ${n} seats, lowest price first.`,
    actions: [
      { role: "searchbox", label: "Search for artists, venues, and events", op: "TYPE", value: artist },
      { role: "option", label: artist, op: "CLICK" },
      { role: "link", label: `${month} - ${city}`, op: "CLICK" },
      { role: "select", label: "Quantity", op: "SELECT", value: `${n} Tickets` },
      { role: "select", label: "Sort by", op: "SELECT", value: "Lowest Price" },
      { role: "button", label: "See tickets", op: "CLICK" },
    ],
  };
};

const housing: TTemplate = (rng, p) => {
  const city = rng.pick(p.cities);
  const beds = rng.int(1, 4);
  const rent = rng.pick([1500, 2000, 2500, 3000, 4000]);
  return {
    site: rng.pick(["zillow", "redfin", "apartments"]),
    task: `Show ${beds}-bedroom apartments for rent in ${city} that cost less than $${rent} per month.`,
    paraphrase: `Rental listings in ${city}: ${beds} bedrooms, monthly rent capped at ${rent} dollars.`,
    actions: [
      { role: "searchbox", label: "City, Neighborhood, or ZIP", op: "TYPE", value: city },
      { role: "button", label: "For Rent", op: "CLICK" },
      { role: "select", label: "Beds", op: "SELECT", value: `${beds}+` },
      { role: "textbox", label: "Max price", op: "TYPE", value: String(rent) },
      { role: "button", label: "Apply", op: "CLICK" },
    ],
  };
};

const schedule: TTemplate = (rng, p) => {
  const team = rng.pick(p.teams);
  const year = rng.pick(["2022-23", "2023-24"]);
  return {
    site: rng.pick(["espn", "nba", "cbssports"]),
    task: `Show the full game schedule of the ${team} for the ${year} regular season.`,
    paraphrase: `When do the ${team} play? I want their ${year} fixtures (regular season only).`,
    actions: [
      { role: "link", label: "Teams", op: "CLICK" },
      { role: "link", label: team, op: "CLICK" },
      { role: "link", label: "Schedule", op: "CLICK" },
      { role: "select", label: "Season", op: "SELECT", value: year },
      { role: "select", label: "Season type", op: "SELECT", value: "Regular Season" },
    ],
  };
};

export const WEB_TEMPLATES: readonly TTemplate[] = [flight, carRental, restaurant, shopping, tickets, housing, schedule];
