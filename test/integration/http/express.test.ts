import express from 'express';
import express4 from 'express4';
import { runHttpContract } from './http-contract';
import { expressTarget } from './targets';

runHttpContract('Express 5 (real server)', expressTarget(express));
runHttpContract('Express 4 (real server)', expressTarget(express4));
