// The one entry into libphonenumber's "max" metadata (number types included). phone.ts imports it
// on first use, so the bundler puts it, and only what it names, in a chunk of its own.
export { parsePhoneNumberFromString } from 'libphonenumber-js/max';
