import { Findings } from './Findings';

export default {
  __init__: ['findings'],
  findings: ['type', Findings],
};
