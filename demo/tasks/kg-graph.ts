/** Freebase-like relations and entities for the kg task. */
import type { Rng } from "../random";

export const RELATIONS: Record<string, readonly string[]> = {
  person: [
    "people.person.place_of_birth", "people.person.nationality", "people.person.profession", "people.person.education",
    "people.person.spouse_s", "people.person.children", "people.person.gender", "people.person.sibling_s",
    "people.person.places_lived", "award.award_winner.awards_won", "award.award_nominee.award_nominations",
    "film.director.film", "film.actor.film", "film.producer.film", "film.writer.film", "tv.tv_actor.starring_roles",
    "influence.influence_node.influenced_by", "influence.influence_node.influenced", "book.author.works_written",
    "common.topic.notable_types", "base.popstra.celebrity.friendship", "people.deceased_person.place_of_death",
  ],
  group: [
    "music.artist.album", "music.artist.genre", "music.artist.label", "music.musical_group.member", "music.artist.origin",
    "music.artist.track", "award.award_winner.awards_won", "music.artist.concert_tours", "common.topic.notable_types",
    "music.artist.contribution", "broadcast.artist.content",
  ],
  city: [
    "location.location.contains", "location.location.containedby", "location.citytown.postal_codes",
    "location.location.time_zones", "location.statistical_region.population", "travel.travel_destination.tourist_attractions",
    "location.location.geolocation", "sports.sports_team_location.teams", "periodicals.newspaper_circulation_area.newspapers",
    "film.film_location.featured_in_films", "location.location.nearby_airports",
  ],
  product: [
    "business.consumer_product.company", "business.consumer_product.brand", "business.consumer_product.product_line",
    "business.consumer_product.category", "common.topic.notable_types", "base.schemastaging.context_name.pronunciation",
  ],
  company: [
    "organization.organization.founders", "organization.organization.headquarters", "business.business_operation.industry",
    "organization.organization.date_founded", "business.employer.employees", "organization.organization.board_members",
    "business.business_operation.revenue", "organization.organization.child",
  ],
  stadium: [
    "sports.sports_facility.teams", "location.location.containedby", "architecture.structure.opened",
    "sports.sports_facility.home_venue_for", "location.location.geolocation", "architecture.venue.capacity",
    "architecture.structure.architect",
  ],
  book: [
    "book.written_work.author", "book.written_work.subjects", "book.book.genre", "book.written_work.original_language",
    "book.book.editions", "media_common.adapted_work.adaptations", "book.written_work.date_of_first_publication",
  ],
  river: [
    "geography.river.basin_countries", "geography.river.mouth", "geography.river.length", "geography.river.cities",
    "geography.river.origin", "location.location.partially_contains", "geography.river.discharge",
  ],
  performance: ["film.performance.film", "film.performance.character", "film.performance.actor", "film.performance.special_performance_type"],
  education: [
    "education.education.institution", "education.education.degree", "education.education.major_field_of_study",
    "education.education.student", "education.education.start_date",
  ],
  business: ["organization.organization.founders", "organization.organization.headquarters", "business.business_operation.industry", "organization.organization.leadership"],
  author: ["people.person.place_of_birth", "people.person.nationality", "book.author.works_written", "people.person.education", "people.person.places_lived"],
};

export type TKgPools = {
  directorActor: readonly (readonly [string, string])[];
  people: readonly string[];
  bands: readonly string[];
  cities: readonly string[];
  products: readonly string[];
  stadiums: readonly string[];
  books: readonly string[];
  rivers: readonly string[];
};

export const TRAINING_KG: TKgPools = {
  directorActor: [
    ["Christopher Nolan", "Michael Caine"], ["Martin Scorsese", "Robert De Niro"], ["Steven Spielberg", "Tom Hanks"],
    ["Tim Burton", "Johnny Depp"], ["Quentin Tarantino", "Samuel L. Jackson"], ["Wes Anderson", "Bill Murray"],
    ["Ridley Scott", "Russell Crowe"], ["Greta Gerwig", "Saoirse Ronan"],
  ],
  people: ["Barack Obama", "Marie Curie", "Alan Turing", "Toni Morrison", "Neil Armstrong", "Angela Merkel", "Sally Ride", "Nelson Mandela"],
  bands: ["Radiohead", "The Beatles", "ABBA", "Daft Punk", "Fleetwood Mac", "Nirvana", "Coldplay", "Metallica"],
  cities: ["Chicago", "Dubai", "Shanghai", "Toronto", "Kuala Lumpur", "Frankfurt", "Seoul", "Melbourne"],
  products: ["iPhone", "PlayStation 5", "Kindle", "Model 3", "ThinkPad", "Walkman", "Game Boy"],
  stadiums: ["Lambeau Field", "Fenway Park", "Camp Nou", "Wembley Stadium", "Madison Square Garden", "Allianz Arena", "Wrigley Field"],
  books: ["One Hundred Years of Solitude", "Things Fall Apart", "The Remains of the Day", "Beloved", "Norwegian Wood", "The Name of the Rose"],
  rivers: ["Danube", "Mekong", "Nile", "Rhine", "Zambezi", "Amazon River"],
};

export const TEST_ONLY_KG: TKgPools = {
  directorActor: [["Akira Kurosawa", "Toshiro Mifune"], ["Agnes Varda", "Sandrine Bonnaire"]],
  people: ["Rosalind Franklin", "Srinivasa Ramanujan"],
  bands: ["Kraftwerk", "Sigur Ros"],
  cities: ["Taipei", "Johannesburg"],
  products: ["Tamagotchi", "Sinclair ZX Spectrum"],
  stadiums: ["Maracana Stadium", "Eden Gardens"],
  books: ["The Master and Margarita", "Pedro Paramo"],
  rivers: ["Volga", "Orinoco"],
};

/** "Observation: [r1, r2, ...]": the needed relations mixed into distractors of the same type. */
export function relationsObservation(rng: Rng, type: string, needed: readonly string[], detail: number): string {
  const pool = (RELATIONS[type] ?? []).filter((r) => !needed.includes(r));
  const k = Math.min(pool.length, Math.max(2, Math.round(rng.int(3, 7) * detail)));
  return `Observation: [${rng.shuffle([...needed, ...rng.sample(pool, k)]).join(", ")}]`;
}

/** A distractor relation of the same type, for runs that pick the wrong edge. */
export function wrongRelation(rng: Rng, type: string, right: string): string {
  const pool = (RELATIONS[type] ?? []).filter((r) => r !== right);
  return pool.length > 0 ? rng.pick(pool) : right;
}
