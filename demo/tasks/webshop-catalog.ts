/** Product categories for the webshop task: what shoppers ask for and what the site lists. */
import type { Rng } from "../random";

export type TCategory = {
  noun: string;
  attributes: readonly string[];
  options: readonly { name: string; values: readonly string[] }[];
  brands: readonly string[];
  extras: readonly string[];
  price: readonly [number, number];
};

const COLORS = ["black", "white", "navy blue", "dark brown", "grey", "beige", "red", "olive green", "pink", "multicolor"];

export const CATEGORIES: readonly TCategory[] = [
  {
    noun: "hair extensions", attributes: ["clip-in", "natural looking", "heat resistant", "long", "straight", "wavy"],
    options: [{ name: "color", values: ["dark brown", "black", "ash blonde", "auburn", "highlight"] }, { name: "size", values: ["18 inch", "22 inch", "24 inch"] }],
    brands: ["Sunny Lane", "Reecho", "Glamour Strand"], extras: ["Synthetic Hairpiece for Women", "Full Head 5 Pcs", "Thick Double Weft"], price: [12, 70],
  },
  {
    noun: "running shoes", attributes: ["men's", "lightweight", "breathable", "non slip", "wide toe box", "cushioned"],
    options: [{ name: "color", values: COLORS.slice(0, 6) }, { name: "size", values: ["8", "9", "9.5", "10", "11", "12"] }],
    brands: ["Trailpace", "Stridex", "Norvik"], extras: ["Athletic Tennis Sneakers", "Walking Gym Trainers", "Road Running Shoe"], price: [25, 140],
  },
  {
    noun: "bluetooth headphones", attributes: ["wireless", "noise cancelling", "over ear", "foldable", "long battery life"],
    options: [{ name: "color", values: ["black", "white", "rose gold", "midnight blue"] }],
    brands: ["Soundlark", "Quietwave", "Ovation Audio"], extras: ["with Microphone", "40H Playtime Hi-Fi Stereo", "Deep Bass Headset"], price: [18, 220],
  },
  {
    noun: "green tea", attributes: ["organic", "caffeine free", "loose leaf", "gluten free", "non gmo"],
    options: [{ name: "flavor name", values: ["jasmine", "mint", "lemon ginger", "original"] }, { name: "size", values: ["20 count", "50 count", "100 count"] }],
    brands: ["Mount Kiri", "Leafhouse", "Harbor Tea Co."], extras: ["Tea Bags Individually Wrapped", "Premium Japanese Sencha", "Antioxidant Rich"], price: [6, 35],
  },
  {
    noun: "throw pillow covers", attributes: ["velvet", "machine washable", "decorative", "square", "set of 2"],
    options: [{ name: "color", values: COLORS }, { name: "size", values: ["16x16 inch", "18x18 inch", "20x20 inch"] }],
    brands: ["Homeloft", "Casa Verde", "Pillowny"], extras: ["Soft Cushion Case for Sofa Couch", "Boho Farmhouse Decor", "with Hidden Zipper"], price: [8, 40],
  },
  {
    noun: "yoga pants", attributes: ["women's", "high waist", "tummy control", "with pockets", "squat proof"],
    options: [{ name: "color", values: COLORS.slice(0, 7) }, { name: "size", values: ["x-small", "small", "medium", "large", "x-large"] }],
    brands: ["Flexa", "Lotus Line", "Corefit"], extras: ["Workout Leggings", "4 Way Stretch Running Tights", "Athletic Capris"], price: [14, 60],
  },
  {
    noun: "water bottle", attributes: ["stainless steel", "insulated", "leak proof", "bpa free", "wide mouth"],
    options: [{ name: "color", values: ["black", "white", "sage", "lavender", "ocean blue"] }, { name: "size", values: ["18 oz", "24 oz", "32 oz", "40 oz"] }],
    brands: ["Hydrova", "Peakflask", "Ironleaf"], extras: ["Double Wall Vacuum Flask", "with Straw Lid", "Keeps Cold 24 Hours"], price: [9, 45],
  },
  {
    noun: "phone case", attributes: ["shockproof", "slim", "clear", "magnetic", "with card holder"],
    options: [{ name: "color", values: ["clear", "black", "lilac", "forest green"] }, { name: "size", values: ["iPhone 14", "iPhone 14 Pro", "Galaxy S23"] }],
    brands: ["Shieldon", "Casetify Go", "Armorleaf"], extras: ["Military Grade Drop Protection", "Anti-Yellowing Cover", "Compatible with MagSafe"], price: [6, 35],
  },
  {
    noun: "desk lamp", attributes: ["led", "dimmable", "eye caring", "with usb charging port", "touch control"],
    options: [{ name: "color", values: ["black", "white", "silver"] }],
    brands: ["Lumera", "Brightnest", "Deskio"], extras: ["5 Color Modes Reading Light", "Foldable Office Lamp", "with Night Light"], price: [15, 70],
  },
  {
    noun: "snack bars", attributes: ["gluten free", "high protein", "low sugar", "vegan", "keto friendly"],
    options: [{ name: "flavor name", values: ["peanut butter", "dark chocolate", "almond coconut", "berry"] }, { name: "size", values: ["12 count", "24 count"] }],
    brands: ["Nuttra", "Trailbite", "Greenfield"], extras: ["Healthy Snacks Variety Pack", "Plant Based Protein", "Individually Wrapped"], price: [10, 45],
  },
  {
    noun: "dog bed", attributes: ["orthopedic", "washable", "waterproof", "memory foam", "non skid"],
    options: [{ name: "color", values: ["grey", "brown", "navy blue"] }, { name: "size", values: ["medium", "large", "x-large"] }],
    brands: ["Pawhaven", "Snoozy Pup", "Barkwell"], extras: ["with Removable Cover", "Bolster Couch for Large Dogs", "Calming Pet Bed"], price: [20, 110],
  },
  {
    noun: "face moisturizer", attributes: ["fragrance free", "for sensitive skin", "with hyaluronic acid", "oil free", "spf 30"],
    options: [{ name: "size", values: ["1.7 fl oz", "2.5 fl oz", "3.4 fl oz"] }],
    brands: ["Dermalis", "Cleara", "Aqua Botanic"], extras: ["Daily Hydrating Face Cream", "Non Comedogenic Lotion", "Lightweight Gel"], price: [8, 55],
  },
];

export const HTML_SNIPPETS = [
  "<b>Best Seller</b>",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
] as const;

export const DESCRIPTION_LINES = [
  "Made from premium materials for everyday use.",
  "Satisfaction guaranteed: contact us within 30 days for a refund or replacement.",
  "Package includes one item; accessories shown in the picture are not included.",
  "Please allow a 1-2 cm difference due to manual measurement.",
  "Colors may vary slightly because of monitor settings.",
  "Designed and tested in our own workshop.",
] as const;

export function asin(rng: Rng): string {
  return `B0${rng.alnum(8)}`;
}

export function titleCase(text: string): string {
  return text.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
}

export type TProduct = { asin: string; title: string; price: number };

export function productTitle(rng: Rng, c: TCategory, attributes: readonly string[]): string {
  return `${rng.pick(c.brands)} ${titleCase(attributes.join(" "))} ${titleCase(c.noun)} ${rng.pick(c.extras)}`;
}

export function product(rng: Rng, c: TCategory, attributes: readonly string[], maxPrice?: number): TProduct {
  const [lo, hi] = c.price;
  const top = maxPrice !== undefined ? Math.min(hi, maxPrice - 1) : hi;
  const price = Math.max(lo, rng.int(lo, Math.max(lo, top))) + rng.pick([0.99, 0.49, 0.95, 0]);
  return { asin: asin(rng), title: productTitle(rng, c, attributes), price };
}

export function money(price: number): string {
  return `$${price.toFixed(2)}`;
}

/** Categories never used in training rows (template-only test questions). */
export const TEST_ONLY_CATEGORIES: readonly TCategory[] = [
  {
    noun: "telescope", attributes: ["refractor", "portable", "with tripod", "for beginners"],
    options: [{ name: "size", values: ["70mm", "80mm", "90mm"] }],
    brands: ["Starhop"], extras: ["Astronomy Kit"], price: [60, 300],
  },
  {
    noun: "guitar strings", attributes: ["phosphor bronze", "light gauge", "coated", "acoustic"],
    options: [{ name: "size", values: ["10-47", "12-53"] }],
    brands: ["Fretwell"], extras: ["3 Pack"], price: [5, 30],
  },
  {
    noun: "espresso cups", attributes: ["porcelain", "double walled", "dishwasher safe", "set of 6"],
    options: [{ name: "color", values: ["cobalt", "terracotta", "speckled white"] }],
    brands: ["Caffelo"], extras: ["with Saucers"], price: [12, 60],
  },
];
