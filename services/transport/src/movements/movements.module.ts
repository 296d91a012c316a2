import { Module } from '@nestjs/common';
import { MovementsRepository } from './movements.repository';

/** R9: the movements table, shared by bookings, manifests and the movement events. */
@Module({ providers: [MovementsRepository], exports: [MovementsRepository] })
export class MovementsModule {}
