export { default } from '../../scripts/tsup.base.ts';
