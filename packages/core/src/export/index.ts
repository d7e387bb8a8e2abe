export { toCsvCell, toCsvRow } from "./to-csv-cell.js";
