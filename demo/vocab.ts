/** Word lists shared by several generators. Task-specific lists live beside their task. */

export const FIRST_NAMES = [
  "Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gustavo", "Hana", "Ivan", "Jasmine",
  "Kofi", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
  "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bjorn", "Carmen", "Dmitri",
] as const;

export const LAST_NAMES = [
  "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Alvarez", "Nguyen", "Schmidt", "Patel",
  "Rossi", "O'Brien", "Dubois", "Mensah", "Ivanova", "Costa", "Fischer", "Yamamoto", "Reyes", "Novak",
  "Brennan", "Achebe", "Larsen", "Chowdhury", "Silva", "Weber", "Kim", "Petrov", "Horvat", "Quispe",
] as const;

export const CITIES = [
  "Denver", "Lisbon", "Osaka", "Nairobi", "Toronto", "Melbourne", "Krakow", "Austin", "Lyon", "Seattle",
  "Porto", "Chennai", "Bogota", "Leeds", "Phoenix", "Hamburg", "Boston", "Atlanta", "Dublin", "Vancouver",
] as const;

export const COUNTRIES = [
  "Norway", "Kenya", "Japan", "Brazil", "Canada", "Poland", "Portugal", "India", "Mexico", "Ghana",
  "Italy", "Chile", "Finland", "Morocco", "Vietnam", "Ireland", "Peru", "Austria", "Egypt", "Australia",
] as const;

export const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export const MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
