/** Tables the db task asks about: names, headers and how to draw a cell of each column. */
import type { Rng } from "../random";
import { CITIES, COUNTRIES, FIRST_NAMES, LAST_NAMES, MONTHS } from "../vocab";

export type TColumn =
  | { name: string; kind: "int"; min: number; max: number }
  | { name: string; kind: "text"; draw: (rng: Rng) => string };

export type TSchema = {
  table: string;
  /** Plural and singular nouns for the rows ("nations", "nation"). */
  entity: string;
  singular: string;
  /** The text column that names a row. */
  key: string;
  columns: readonly TColumn[];
};

const person = (rng: Rng) => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
const date = (rng: Rng) => `${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${rng.int(1998, 2023)}`;
const pickOf = (items: readonly string[]) => (rng: Rng) => rng.pick(items);

const TEAMS = [
  "Chicago Bears", "Green Bay Packers", "Dallas Cowboys", "Seattle Seahawks", "Denver Broncos", "Miami Dolphins",
  "New England Patriots", "Detroit Lions", "Buffalo Bills", "Kansas City Chiefs", "Minnesota Vikings", "Atlanta Falcons",
] as const;
const BOOKS = [
  "The Silent Orchard", "Maps of the Inner Sea", "A Winter in Lisbon", "The Glass Engineer", "Small Hours",
  "Letters to a Young Chemist", "The Salt Road", "Northern Lights Over Oslo", "Paper Cranes", "The Last Cartographer",
] as const;
const ALBUMS = [
  "Midnight Static", "Golden Hour Radio", "Paper Moons", "Concrete Gardens", "Low Tide Sessions",
  "Electric Orchard", "Northbound", "Velvet Circuit", "Wild Frequencies", "Glasshouse",
] as const;
const ARTISTS = [
  "The Lantern Choir", "Mira Solen", "Blue Harbor", "Kasimir & the Owls", "Delta Parade", "Juno Reyes",
  "Static Bloom", "The Northern Wires", "Ola Brandt", "Saffron Keys",
] as const;
const FILMS = [
  "The Quiet Harbor", "Under the Copper Sky", "Seven Rivers", "A House in Porto", "The Long Thaw",
  "Neon Monsoon", "Borrowed Time", "The Cartographer's Daughter", "Salt and Ash", "Winter Light",
] as const;
const PRODUCTS = [
  "Cordless Drill 18V", "Ceramic Mug 350ml", "Yoga Mat Pro", "Desk Lamp LED", "Steel Water Bottle",
  "Wireless Mouse", "Cast Iron Skillet", "Hiking Backpack 30L", "Bamboo Cutting Board", "USB-C Hub",
] as const;
const STATIONS = [
  "Harbor Street", "Central Square", "Elm Park", "University", "Riverside", "Old Mill", "Airport Terminal",
  "Market Hall", "Northgate", "Kings Cross Road", "Museum Quarter", "Lakeview",
] as const;

export const TRAINING_SCHEMAS: readonly TSchema[] = [
  {
    table: "Olympic Medal Table", entity: "nations", singular: "nation", key: "Nation",
    columns: [
      { name: "Rank", kind: "int", min: 1, max: 30 },
      { name: "Nation", kind: "text", draw: pickOf(COUNTRIES) },
      { name: "Gold", kind: "int", min: 0, max: 40 },
      { name: "Silver", kind: "int", min: 0, max: 40 },
      { name: "Bronze", kind: "int", min: 0, max: 40 },
      { name: "Total", kind: "int", min: 1, max: 110 },
    ],
  },
  {
    table: "Season Results", entity: "games", singular: "game", key: "Opponent",
    columns: [
      { name: "Week", kind: "int", min: 1, max: 17 },
      { name: "Date", kind: "text", draw: date },
      { name: "Opponent", kind: "text", draw: pickOf(TEAMS) },
      { name: "Result", kind: "text", draw: (rng) => `${rng.pick(["W", "L"])} ${rng.int(10, 42)}-${rng.int(3, 38)}` },
      { name: "Attendance", kind: "int", min: 38000, max: 82000 },
    ],
  },
  {
    table: "Employee Directory", entity: "employees", singular: "employee", key: "last_name",
    columns: [
      { name: "employee_id", kind: "int", min: 1000, max: 9999 },
      { name: "first_name", kind: "text", draw: pickOf(FIRST_NAMES) },
      { name: "last_name", kind: "text", draw: pickOf(LAST_NAMES) },
      { name: "department", kind: "text", draw: pickOf(["Sales", "Engineering", "Finance", "Support", "Legal", "Marketing"]) },
      { name: "salary", kind: "int", min: 38000, max: 160000 },
      { name: "hire_year", kind: "int", min: 2005, max: 2023 },
    ],
  },
  {
    table: "Library Loans", entity: "loans", singular: "loan", key: "book_title",
    columns: [
      { name: "loan_id", kind: "int", min: 1, max: 5000 },
      { name: "book_title", kind: "text", draw: pickOf(BOOKS) },
      { name: "member_name", kind: "text", draw: person },
      { name: "loan_date", kind: "text", draw: date },
      { name: "days_overdue", kind: "int", min: 0, max: 60 },
      { name: "fine_amount", kind: "int", min: 0, max: 30 },
    ],
  },
  {
    table: "Metro Stations", entity: "stations", singular: "station", key: "Station",
    columns: [
      { name: "Station", kind: "text", draw: pickOf(STATIONS) },
      { name: "Line", kind: "text", draw: pickOf(["Red Line", "Blue Line", "Green Line", "Circle Line", "Airport Express"]) },
      { name: "Opened", kind: "int", min: 1904, max: 2021 },
      { name: "Daily Riders", kind: "int", min: 1200, max: 91000 },
      { name: "Zone", kind: "int", min: 1, max: 6 },
    ],
  },
  {
    table: "Album Sales", entity: "albums", singular: "album", key: "Album",
    columns: [
      { name: "Album", kind: "text", draw: pickOf(ALBUMS) },
      { name: "Artist", kind: "text", draw: pickOf(ARTISTS) },
      { name: "Release Year", kind: "int", min: 1971, max: 2023 },
      { name: "Label", kind: "text", draw: pickOf(["Northside Records", "Polar Sound", "Blue Fern", "Atlas Music"]) },
      { name: "Copies Sold", kind: "int", min: 12000, max: 9000000 },
    ],
  },
  {
    table: "Product Inventory", entity: "products", singular: "product", key: "product_name",
    columns: [
      { name: "sku", kind: "text", draw: (rng) => `SKU-${rng.int(10000, 99999)}` },
      { name: "product_name", kind: "text", draw: pickOf(PRODUCTS) },
      { name: "category", kind: "text", draw: pickOf(["Tools", "Kitchen", "Sports", "Office", "Outdoor"]) },
      { name: "unit_price", kind: "int", min: 2, max: 900 },
      { name: "stock_qty", kind: "int", min: 0, max: 5000 },
      { name: "supplier", kind: "text", draw: pickOf(["Acme Supply", "Nordic Goods", "Pacific Traders", "Brightline"]) },
    ],
  },
  {
    table: "Marathon Finishers", entity: "runners", singular: "runner", key: "Runner",
    columns: [
      { name: "Bib", kind: "int", min: 100, max: 9999 },
      { name: "Runner", kind: "text", draw: person },
      { name: "Country", kind: "text", draw: pickOf(COUNTRIES) },
      { name: "Age Group", kind: "text", draw: (rng) => `${rng.pick(["M", "F"])}${rng.pick(["20-24", "35-39", "40-44", "50-54"])}` },
      { name: "Finish Minutes", kind: "int", min: 125, max: 360 },
    ],
  },
  {
    table: "Film Festival Awards", entity: "films", singular: "film", key: "Film",
    columns: [
      { name: "Year", kind: "int", min: 1990, max: 2023 },
      { name: "Film", kind: "text", draw: pickOf(FILMS) },
      { name: "Director", kind: "text", draw: person },
      { name: "Country", kind: "text", draw: pickOf(COUNTRIES) },
      { name: "Award", kind: "text", draw: pickOf(["Golden Lion", "Jury Prize", "Best Director", "Audience Award"]) },
      { name: "Runtime", kind: "int", min: 78, max: 190 },
    ],
  },
  {
    table: "Hospital Visits", entity: "visits", singular: "visit", key: "patient_name",
    columns: [
      { name: "visit_id", kind: "int", min: 1, max: 90000 },
      { name: "patient_name", kind: "text", draw: person },
      { name: "ward", kind: "text", draw: pickOf(["Cardiology", "Oncology", "Pediatrics", "Orthopedics", "Neurology"]) },
      { name: "admission_date", kind: "text", draw: date },
      { name: "days_stayed", kind: "int", min: 1, max: 40 },
      { name: "doctor", kind: "text", draw: (rng) => `Dr. ${rng.pick(LAST_NAMES)}` },
    ],
  },
];

/** Tables never used in training rows (template-only test questions). */
export const TEST_ONLY_SCHEMAS: readonly TSchema[] = [
  {
    table: "Lighthouse Registry", entity: "lighthouses", singular: "lighthouse", key: "Lighthouse",
    columns: [
      { name: "Lighthouse", kind: "text", draw: pickOf(["Skerry Point", "Gull Rock", "Cape Wrath", "Fastnet"]) },
      { name: "Built", kind: "int", min: 1790, max: 1950 },
      { name: "Height Metres", kind: "int", min: 8, max: 60 },
      { name: "Keeper", kind: "text", draw: pickOf(["Amos Pell", "Ida Venn", "Tobias Crane"]) },
    ],
  },
  {
    table: "Volcano Eruptions", entity: "eruptions", singular: "eruption", key: "Volcano",
    columns: [
      { name: "Volcano", kind: "text", draw: pickOf(["Hekla", "Etna", "Merapi", "Popocatepetl"]) },
      { name: "Eruption Year", kind: "int", min: 1800, max: 2022 },
      { name: "VEI", kind: "int", min: 1, max: 6 },
      { name: "Casualties", kind: "int", min: 0, max: 5000 },
    ],
  },
  {
    table: "Chess Olympiad Boards", entity: "players", singular: "player", key: "Player",
    columns: [
      { name: "Player", kind: "text", draw: pickOf(["Wilhelmina Oduya", "Rasmus Tell", "Ilse Varga"]) },
      { name: "Board", kind: "int", min: 1, max: 5 },
      { name: "Points", kind: "int", min: 0, max: 11 },
      { name: "Rating", kind: "int", min: 2200, max: 2800 },
    ],
  },
];

export function intColumns(schema: TSchema): TColumn[] {
  return schema.columns.filter((c) => c.kind === "int");
}

export function cell(rng: Rng, column: TColumn): string | number {
  return column.kind === "int" ? rng.int(column.min, column.max) : column.draw(rng);
}

export function tableLine(schema: TSchema): string {
  return `The name of this table is ${schema.table}, and the headers of this table are ${schema.columns.map((c) => c.name).join(",")}.`;
}

/** A Python-repr tuple row as the MySQL connector prints it: (1, 'Norway', 14). */
export function tupleRow(values: readonly (string | number)[]): string {
  const inner = values.map((v) => (typeof v === "number" ? String(v) : `'${v.replace(/'/g, "\\'")}'`)).join(", ");
  return values.length === 1 ? `(${inner},)` : `(${inner})`;
}

export function sqlLiteral(value: string | number): string {
  return typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`;
}
