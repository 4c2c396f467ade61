import { NotFoundInMunicipality } from '../../app/worklist/own-municipality.ts';
import { WebNotFound } from '../web-app.ts';

/** A use case's "not found in your municipality" becomes the 404 page: another municipality's case is not said to exist. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NotFoundInMunicipality) throw new WebNotFound();
    throw e;
  }
}
