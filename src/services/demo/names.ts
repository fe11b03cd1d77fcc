/**
 * Name and address lists for synthetic people. Written for Allied; deliberately mixed across
 * many languages and cultures. Combinations are random, so no generated person is real.
 */

export const femaleGivenNames = [
  'Abena', 'Adaeze', 'Aiko', 'Alejandra', 'Amara', 'Ana', 'Anika', 'Aroha', 'Ayesha', 'Beatriz',
  'Bridget', 'Carmen', 'Chiara', 'Chloe', 'Dalia', 'Deepa', 'Elena', 'Emily', 'Esperanza', 'Fatima',
  'Freya', 'Grace', 'Hana', 'Ingrid', 'Isabel', 'Jasmine', 'Keira', 'Kemi', 'Lakshmi', 'Leila',
  'Lucia', 'Mai', 'Margaret', 'Maryam', 'Mei', 'Mira', 'Nadia', 'Naomi', 'Nia', 'Noor',
  'Olga', 'Paloma', 'Priya', 'Rosa', 'Ruth', 'Sakura', 'Samira', 'Sofia', 'Sunita', 'Tamar',
  'Thandiwe', 'Valentina', 'Wanjiru', 'Ximena', 'Yara', 'Yuki', 'Zainab', 'Zofia', 'Harriet', 'Ebony',
] as const;

export const maleGivenNames = [
  'Adebayo', 'Ahmed', 'Alejandro', 'Amir', 'Anders', 'Arjun', 'Benjamin', 'Bilal', 'Carlos', 'Chen',
  'Daniel', 'Darius', 'Diego', 'Dmitri', 'Eamon', 'Emeka', 'Ethan', 'Farid', 'Felipe', 'Gabriel',
  'Hamza', 'Hiroshi', 'Ibrahim', 'Isaac', 'Jamal', 'Javier', 'Joon', 'Kai', 'Kenji', 'Kwame',
  'Leon', 'Liam', 'Luca', 'Malik', 'Marcus', 'Mateo', 'Min-jun', 'Nikolai', 'Omar', 'Oscar',
  'Pablo', 'Rafael', 'Rahul', 'Ravi', 'Samuel', 'Santiago', 'Sione', 'Tariq', 'Tendai', 'Thomas',
  'Tomasz', 'Uriel', 'Vikram', 'Wei', 'Xavier', 'Yusuf', 'Zane', 'Desmond', 'Walter', 'Hector',
] as const;

export const familyNames = [
  'Abara', 'Acheampong', 'Adeyemi', 'Aguilar', 'Al-Sayed', 'Andersen', 'Bakshi', 'Banerjee', 'Becker', 'Bianchi',
  'Boateng', 'Brennan', 'Castellanos', 'Chaudhry', 'Chowdhury', 'Cohen', 'Dang', 'Delgado', 'Dubois', 'Duarte',
  'Eriksen', 'Esposito', 'Fernandes', 'Fitzgerald', 'Fujimoto', 'Gallagher', 'Garcia', 'Goldberg', 'Gonzaga', 'Gupta',
  'Haddad', 'Halvorsen', 'Hernandez', 'Hoang', 'Ishikawa', 'Iyer', 'Jablonski', 'Jaramillo', 'Jensen', 'Kamara',
  'Kapoor', 'Kaur', 'Kim', 'Kowalczyk', 'Kuznetsov', 'Lam', 'Lindqvist', 'Lopez', 'Mahlangu', 'Mbeki',
  'McAllister', 'Mendoza', 'Mensah', 'Moreau', 'Mukherjee', 'Nakamura', 'Nguyen', 'Novak', 'Nwosu', 'Obi',
  "O'Connell", 'Okafor', 'Olsen', 'Ortega', 'Osei', 'Park', 'Patel', 'Petrov', 'Pham', 'Quintero',
  'Rahman', 'Ramirez', 'Reyes', 'Rossi', 'Sahin', 'Santos', 'Schneider', 'Sepulveda', 'Shapiro', 'Silva',
  'Singh', 'Sokolova', 'Suzuki', 'Tanaka', 'Tembo', 'Thompson', 'Tran', 'Tuilagi', 'Uchenna', 'Varga',
  'Vasquez', 'Wallace', 'Watanabe', 'Whitfield', 'Wojcik', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zhou', 'Zulu',
] as const;

/** Street names for a fictional town. */
export const streetNames = [
  'Alder Way', 'Birch Lane', 'Cannery Road', 'Cedar Street', 'Clearwater Drive', 'Dockside Avenue',
  'Elm Court', 'Ferry Street', 'Foundry Lane', 'Harbor View Road', 'Heron Place', 'Juniper Street',
  'Kingfisher Drive', 'Larkspur Lane', 'Lockkeeper Road', 'Maple Row', 'Millrace Avenue', 'North Bank Road',
  'Orchard Street', 'Otter Creek Drive', 'Pine Hollow Road', 'Quarry Lane', 'Riverbend Drive', 'Sawmill Road',
  'Sycamore Avenue', 'Tannery Street', 'Towpath Lane', 'Water Street', 'Willow Bend', 'Wharf Road',
] as const;

/** Fictional towns around Riverside (real state, invented towns, so billing files stay well-formed). */
export const towns = [
  { city: 'Riverside', postalCode: '45991' },
  { city: 'Millbrook', postalCode: '45992' },
  { city: 'Cedar Falls', postalCode: '45993' },
  { city: 'Harbor Point', postalCode: '45994' },
  { city: 'East Lockport', postalCode: '45995' },
  { city: 'Willowmere', postalCode: '45996' },
] as const;

/** The demo organisation's state (USPS code, needed by X12 claim addresses). */
export const DEMO_STATE = 'OH';
