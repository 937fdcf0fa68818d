import { CurrentPosition } from './CurrentPosition';

export default {
  __init__: ['currentPosition'],
  currentPosition: ['type', CurrentPosition],
};
