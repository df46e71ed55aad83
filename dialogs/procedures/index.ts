// The guided procedures, by id.

import type { AnyStateMachine } from 'xstate';
import type { ProcedureInfo } from '../procedure';
import type { ProcedureId } from '../types';
import { carryOut, carryOutMachine } from './carry-out';
import { infection, infectionMachine } from './infection';
import { lostCard, lostCardMachine } from './lost-card';

export interface Procedure {
  info: ProcedureInfo;
  machine: AnyStateMachine;
}

export const PROCEDURES: Readonly<Record<ProcedureId, Procedure>> = {
  'carry-out': { info: carryOut, machine: carryOutMachine },
  'lost-card': { info: lostCard, machine: lostCardMachine },
  infection: { info: infection, machine: infectionMachine },
};
